using System.Globalization;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// Go number constants as text/template evaluates them (exec.go idealConstant): integers (decimal, 0x, 0o, 0b,
/// leading-zero octal, '_' separators) become int; anything with '.', 'e' or 'p' becomes float64.
/// </summary>
internal static class NumberLiteral
{
    public static object? Parse(string text)
    {
        var negative = text.StartsWith('-');
        var body = text.TrimStart('+', '-').Replace("_", "");
        if (body.Length == 0)
        {
            return null;
        }

        var integer = ParseInteger(body);
        if (integer is { } value)
        {
            return negative ? -value : value;
        }

        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || body.Contains('i'))
        {
            return null;
        }

        if (!double.TryParse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d))
        {
            return null;
        }

        return negative ? -d : d;
    }

    private static long? ParseInteger(string body)
    {
        try
        {
            if (body.Length > 2 && body[0] == '0' && body[1] is 'x' or 'X')
            {
                return long.Parse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }

            if (body.Length > 2 && body[0] == '0' && body[1] is 'b' or 'B')
            {
                return Convert.ToInt64(body[2..], 2);
            }

            if (body.Length > 2 && body[0] == '0' && body[1] is 'o' or 'O')
            {
                return Convert.ToInt64(body[2..], 8);
            }

            if (!body.All(char.IsAsciiDigit))
            {
                return null;
            }

            return body.Length > 1 && body[0] == '0' ? Convert.ToInt64(body[1..], 8) : long.Parse(body, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }
}
