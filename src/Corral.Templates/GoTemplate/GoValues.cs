using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// Go's view of .NET values: every integer is an int, every floating point number a float64, dictionaries are
/// maps, lists are slices, JSON elements behave like the <c>any</c> values encoding/json produces, and other
/// objects are structs whose public properties are fields.
/// </summary>
internal static class GoValues
{
    public static object? Normalize(object? value) => value switch
    {
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        uint u => (long)u,
        ulong ul => (long)ul,
        float f => (double)f,
        decimal m => (double)m,
        char c => c.ToString(),
        JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
        JsonElement { ValueKind: JsonValueKind.Number } json => json.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        _ => value,
    };

    /// <summary>text/template's truth: false, 0, nil, and empty strings, slices and maps are false; structs are true.</summary>
    public static bool IsTrue(object? value) => Normalize(value) switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        long l => l != 0,
        double d => d != 0,
        JsonElement { ValueKind: JsonValueKind.Array } json => json.GetArrayLength() > 0,
        JsonElement { ValueKind: JsonValueKind.Object } json => json.EnumerateObject().Any(),
        ICollection collection => collection.Count > 0,
        _ => true,
    };

    public static IEnumerable<object?> SortedKeys(IDictionary map) =>
        map.Keys.Cast<object?>().Order(Comparer<object?>.Create(CompareKeys));

    /// <summary>Looks up a field or map key; a missing map key is the zero value (Ollama runs with missingkey=zero).</summary>
    public static object? GetField(object? receiver, string name)
    {
        switch (receiver)
        {
            case null:
                throw new InvalidOperationException($"nil pointer evaluating interface {{}}.{name}");
            case IDictionary map when map.Contains(name):
                return map[name];
            case IDictionary when MethodLike(receiver, name) is { } method:
                return method.GetValue(receiver);
            case IDictionary:
                return null;
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                return json.TryGetProperty(name, out var property) ? property : null;
        }

        var normalized = Normalize(receiver);
        if (normalized is string or long or double or bool or JsonElement or IEnumerable)
        {
            throw new InvalidOperationException($"can't evaluate field {name} in type {TypeName(normalized)}");
        }

        var member = receiver.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        if (member is null)
        {
            throw new InvalidOperationException($"can't evaluate field {name} in type {TypeName(receiver)}");
        }

        return member.GetValue(receiver);
    }

    /// <summary>
    /// Maps defined in this assembly may also answer to a parameterless "method" (Ollama's ordered properties map
    /// has <c>.All</c> and <c>.ToMap</c>); plain dictionaries only have keys, as Go maps do.
    /// </summary>
    private static PropertyInfo? MethodLike(object receiver, string name) =>
        receiver.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { } property &&
        property.DeclaringType?.Assembly == typeof(GoValues).Assembly
            ? property
            : null;

    /// <summary>The built-in len: bytes of a string (UTF-8), elements of a slice or map.</summary>
    public static long Length(object? value) => Normalize(value) switch
    {
        null => throw new InvalidOperationException("len of nil pointer"),
        string s => Encoding.UTF8.GetByteCount(s),
        JsonElement { ValueKind: JsonValueKind.Array } json => json.GetArrayLength(),
        JsonElement { ValueKind: JsonValueKind.Object } json => json.EnumerateObject().Count(),
        ICollection collection => collection.Count,
        var other => throw new InvalidOperationException($"len of type {TypeName(other)}"),
    };

    /// <summary>Elements of something range can walk: (key or index, value) pairs, maps in sorted key order.</summary>
    public static IEnumerable<(object? Key, object? Value)> Enumerate(object? value)
    {
        switch (Normalize(value))
        {
            case null:
                return [];
            case long count:
                return LongRange(count);
            case IOrderedMap ordered:
                return ordered.Pairs;
            case JsonElement { ValueKind: JsonValueKind.Array } json:
                return json.EnumerateArray().Select((e, i) => ((object?)(long)i, (object?)e));
            case JsonElement { ValueKind: JsonValueKind.Object } json:
                return json.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => ((object?)p.Name, (object?)p.Value));
            case IDictionary map:
                return SortedKeys(map).Select(k => (k, map[k!]));
            case string or double or bool:
                throw new InvalidOperationException($"range can't iterate over {GoFormat.Value(Normalize(value))}");
            case IEnumerable list:
                return list.Cast<object?>().Select((e, i) => ((object?)(long)i, e));
            default:
                throw new InvalidOperationException($"range can't iterate over {GoFormat.Value(value)}");
        }
    }

    private static IEnumerable<(object? Key, object? Value)> LongRange(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return (i, i);
        }
    }

    public static string TypeName(object? value) => Normalize(value) switch
    {
        null => "<nil>",
        string => "string",
        long => "int",
        double => "float64",
        bool => "bool",
        JsonElement { ValueKind: JsonValueKind.Array } => "[]interface {}",
        JsonElement { ValueKind: JsonValueKind.Object } => "map[string]interface {}",
        IDictionary => "map[string]interface {}",
        IEnumerable => "[]interface {}",
        var other => other.GetType().Name,
    };

    private static int CompareKeys(object? a, object? b) => (Normalize(a), Normalize(b)) switch
    {
        (long x, long y) => x.CompareTo(y),
        (double x, double y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        var (x, y) => string.CompareOrdinal(GoFormat.Value(x), GoFormat.Value(y)),
    };
}
