using System.Collections;
using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Values;

/// <summary>
/// Ollama's ordered maps (tool properties, tool-call arguments): a Go map to templates (index by key, range in
/// sorted key order), <c>.All</c> ranges in the original order, <c>.ToMap</c> is the plain map, and printing or
/// marshalling keeps the original order.
/// </summary>
internal sealed class OrderedMapValue : IDictionary, IGoJsonMarshaler, ITemplateStringer
{
    private readonly List<KeyValuePair<string, object?>> _ordered;
    private readonly Hashtable _lookup = [];
    private readonly bool _isNull;

    private OrderedMapValue(List<KeyValuePair<string, object?>> ordered, bool isNull = false)
    {
        _ordered = ordered;
        _isNull = isNull;
        foreach (var (key, value) in ordered)
        {
            _lookup[key] = value;
        }
    }

    /// <summary>Tool parameter properties: each value is a <see cref="ToolPropertyValue"/>; absent ones marshal as null like Go's nil map.</summary>
    public static OrderedMapValue Properties(JsonElement? properties) => properties is { ValueKind: JsonValueKind.Object } json
        ? new(json.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, (object?)ToolPropertyValue.From(p.Value))).ToList())
        : new([], isNull: true);

    /// <summary>Tool-call arguments: values stay JSON (numbers are float64 to templates, as in Go).</summary>
    public static OrderedMapValue Arguments(JsonElement arguments) => new(
        arguments.ValueKind == JsonValueKind.Object
            ? arguments.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, (object?)p.Value.Clone())).ToList()
            : []);

    /// <summary>Ollama's ordered map .All: the entries in their original order.</summary>
    public OrderedPairsValue All => new(_ordered);

    /// <summary>Ollama's ordered map .ToMap: a plain map (range visits it in sorted key order).</summary>
    public OrderedMapValue ToMap => this;

    public string MarshalJson()
    {
        if (_isNull)
        {
            return "null";
        }

        var json = new GoJsonObject();
        foreach (var (key, value) in _ordered)
        {
            json.Add(key, value);
        }

        return json.ToString();
    }

    public string ToTemplateString() => MarshalJson();

    public object? this[object key]
    {
        get => _lookup[key];
        set => throw new NotSupportedException();
    }

    public ICollection Keys => _lookup.Keys;

    public ICollection Values => _lookup.Values;

    public bool IsReadOnly => true;

    public bool IsFixedSize => true;

    public int Count => _ordered.Count;

    public bool IsSynchronized => false;

    public object SyncRoot => _lookup;

    public bool Contains(object key) => _lookup.Contains(key);

    public IDictionaryEnumerator GetEnumerator() => _lookup.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(object key, object? value) => throw new NotSupportedException();

    public void Clear() => throw new NotSupportedException();

    public void Remove(object key) => throw new NotSupportedException();

    public void CopyTo(Array array, int index) => _lookup.CopyTo(array, index);
}
