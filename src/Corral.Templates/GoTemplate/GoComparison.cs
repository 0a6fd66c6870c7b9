using System.Text.Json;

namespace Corral.Templates.GoTemplate;

/// <summary>eq, ne, lt, le, gt, ge with text/template's rules (funcs.go): basic kinds only, no mixing int and float.</summary>
internal static class GoComparison
{
    private const string BadComparison = "incompatible types for comparison";
    private const string BadComparisonType = "invalid type for comparison";

    private enum Kind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
        Other,
    }

    public static bool Equal(IReadOnlyList<object?> args)
    {
        if (args.Count < 2)
        {
            throw new InvalidOperationException("missing argument for comparison");
        }

        var first = GoValues.Normalize(args[0]);
        var k1 = KindOf(first);
        foreach (var raw in args.Skip(1))
        {
            var arg = GoValues.Normalize(raw);
            var k2 = KindOf(arg);
            if (k1 != k2)
            {
                if (k1 != Kind.Invalid && k2 != Kind.Invalid)
                {
                    throw new InvalidOperationException(BadComparison);
                }

                continue;
            }

            var truth = k1 switch
            {
                Kind.Invalid => true,
                Kind.Other when first is JsonElement or System.Collections.IEnumerable && first is not string =>
                    throw new InvalidOperationException($"non-comparable type {GoFormat.Value(first)}: {GoValues.TypeName(first)}"),
                _ => Equals(first, arg),
            };
            if (truth)
            {
                return true;
            }
        }

        return false;
    }

    public static bool Less(object? a, object? b)
    {
        var x = GoValues.Normalize(a);
        var y = GoValues.Normalize(b);
        var k1 = KindOf(x);
        var k2 = KindOf(y);
        if (k1 is Kind.Bool or Kind.Invalid or Kind.Other || k2 is Kind.Bool or Kind.Invalid or Kind.Other)
        {
            throw new InvalidOperationException(BadComparisonType);
        }

        if (k1 != k2)
        {
            throw new InvalidOperationException(BadComparison);
        }

        return (x, y) switch
        {
            (long l1, long l2) => l1 < l2,
            (double d1, double d2) => d1 < d2,
            _ => string.CompareOrdinal((string)x!, (string)y!) < 0,
        };
    }

    private static Kind KindOf(object? value) => value switch
    {
        null => Kind.Invalid,
        bool => Kind.Bool,
        long => Kind.Int,
        double => Kind.Float,
        string => Kind.String,
        _ => Kind.Other,
    };
}
