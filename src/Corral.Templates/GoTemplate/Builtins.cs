using System.Text;
using System.Text.Json;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// text/template's predefined functions (funcs.go builtins). <c>and</c> and <c>or</c> are evaluated lazily by
/// the executor, so they only appear here by name for the parser.
/// </summary>
internal static class Builtins
{
    public static IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> All { get; } =
        new Dictionary<string, Func<IReadOnlyList<object?>, object?>>
        {
            ["not"] = args => !GoValues.IsTrue(Exactly("not", args, 1)[0]),
            ["len"] = args => GoValues.Length(Exactly("len", args, 1)[0]),
            ["index"] = Index,
            ["slice"] = Slice,
            ["print"] = GoFormat.Sprint,
            ["println"] = GoFormat.Sprintln,
            ["printf"] = args => GoPrintf.Format(
                AtLeast("printf", args, 1)[0] as string ?? throw new InvalidOperationException($"wrong type for value; expected string; got {GoValues.TypeName(args[0])}"),
                args.Skip(1).ToList()),
            ["eq"] = args => GoComparison.Equal(args),
            ["ne"] = args => !GoComparison.Equal(Exactly("ne", args, 2)),
            ["lt"] = args => GoComparison.Less(Exactly("lt", args, 2)[0], args[1]),
            ["le"] = args => GoComparison.Less(Exactly("le", args, 2)[0], args[1]) || GoComparison.Equal(args),
            ["gt"] = args => !GoComparison.Less(Exactly("gt", args, 2)[0], args[1]) && !GoComparison.Equal(args),
            ["ge"] = args => !GoComparison.Less(Exactly("ge", args, 2)[0], args[1]),
            ["html"] = args => GoEscape.Html(EscaperText(args)),
            ["js"] = args => GoEscape.Js(EscaperText(args)),
            ["urlquery"] = args => GoEscape.UrlQuery(EscaperText(args)),
        };

    public static IReadOnlyList<object?> Exactly(string name, IReadOnlyList<object?> args, int count) =>
        args.Count == count ? args : throw new InvalidOperationException($"wrong number of args for {name}: want {count} got {args.Count}");

    private static IReadOnlyList<object?> AtLeast(string name, IReadOnlyList<object?> args, int count) =>
        args.Count >= count ? args : throw new InvalidOperationException($"wrong number of args for {name}: want at least {count} got {args.Count}");

    /// <summary>evalArgs in funcs.go: a single string argument is used as is, anything else goes through fmt.Sprint.</summary>
    private static string EscaperText(IReadOnlyList<object?> args) =>
        args is [string s] ? s : GoFormat.Sprint(args.Select(GoValues.Normalize).ToList());

    private static object? Index(IReadOnlyList<object?> args)
    {
        var item = AtLeast("index", args, 1)[0];
        foreach (var raw in args.Skip(1))
        {
            var key = GoValues.Normalize(raw);
            item = item switch
            {
                null => throw new InvalidOperationException("error calling index: index of untyped nil"),
                System.Collections.IDictionary map => map.Contains(key!) ? map[key!] : null,
                JsonElement { ValueKind: JsonValueKind.Object } json when key is string name =>
                    json.TryGetProperty(name, out var property) ? property : null,
                _ => IndexSequence(item, key),
            };
        }

        return item;
    }

    private static object? IndexSequence(object item, object? key)
    {
        if (key is not long i)
        {
            throw new InvalidOperationException($"error calling index: cannot index slice/array with type {GoValues.TypeName(key)}");
        }

        var normalized = GoValues.Normalize(item);
        if (normalized is string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            return i >= 0 && i < bytes.Length ? bytes[i] : throw OutOfRange(i);
        }

        var elements = GoValues.Enumerate(item).Select(e => e.Value).ToList();
        if (normalized is not (System.Collections.IList or JsonElement { ValueKind: JsonValueKind.Array }))
        {
            throw new InvalidOperationException($"error calling index: can't index item of type {GoValues.TypeName(item)}");
        }

        return i >= 0 && i < elements.Count ? elements[(int)i] : throw OutOfRange(i);
    }

    private static InvalidOperationException OutOfRange(long i) => new($"error calling index: index out of range: {i}");

    private static object? Slice(IReadOnlyList<object?> args)
    {
        var item = GoValues.Normalize(AtLeast("slice", args, 1)[0]);
        if (args.Count > 4)
        {
            throw new InvalidOperationException($"error calling slice: too many slice indexes: {args.Count - 1}");
        }

        var indexes = args.Skip(1).Select(a => GoValues.Normalize(a) as long? ??
            throw new InvalidOperationException($"error calling slice: cannot index slice/array with type {GoValues.TypeName(a)}")).ToList();
        if (item is string s)
        {
            if (indexes.Count == 3)
            {
                throw new InvalidOperationException("error calling slice: cannot 3-index slice a string");
            }

            var bytes = Encoding.UTF8.GetBytes(s);
            var (from, to) = Bounds(indexes, bytes.Length);
            return Encoding.UTF8.GetString(bytes, (int)from, (int)(to - from));
        }

        if (item is not (System.Collections.IList or JsonElement { ValueKind: JsonValueKind.Array }))
        {
            throw new InvalidOperationException($"error calling slice: can't slice item of type {GoValues.TypeName(item)}");
        }

        var elements = GoValues.Enumerate(item).Select(e => e.Value).ToList();
        var (start, end) = Bounds(indexes, elements.Count);
        return elements.GetRange((int)start, (int)(end - start));
    }

    private static (long From, long To) Bounds(List<long> indexes, int length)
    {
        foreach (var index in indexes.Where(i => i < 0 || i > length))
        {
            throw new InvalidOperationException($"error calling slice: index out of range: {index}");
        }

        var from = indexes.Count > 0 ? indexes[0] : 0;
        var to = indexes.Count > 1 ? indexes[1] : length;
        if (from > to)
        {
            throw new InvalidOperationException($"error calling slice: invalid slice index: {from} > {to}");
        }

        return (from, to);
    }
}
