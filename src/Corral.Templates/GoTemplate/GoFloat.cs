using System.Globalization;
using System.Text;

namespace Corral.Templates.GoTemplate;

/// <summary>strconv.FormatFloat for the 'e', 'f' and 'g' formats, including Go's shortest representation (precision -1).</summary>
internal static class GoFloat
{
    public static string Format(double value, char format, int precision)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : "";
        var (digits, point) = Digits(Math.Abs(value), format, precision);
        var body = format switch
        {
            'e' => Exponent(digits, point, precision),
            'f' => Fixed(digits, point, precision),
            _ => General(digits, point, precision),
        };
        return sign + body;
    }

    /// <summary>Decimal digits (no leading/trailing zeros) and the decimal point position: value = 0.digits × 10^point.</summary>
    private static (string Digits, int Point) Digits(double value, char format, int precision)
    {
        if (value == 0)
        {
            return ("0", 1);
        }

        var text = precision < 0
            ? value.ToString("R", CultureInfo.InvariantCulture)
            : format == 'f'
                ? value.ToString("F" + precision, CultureInfo.InvariantCulture)
                : value.ToString("E" + Math.Max(format == 'g' ? precision - 1 : precision, 0), CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var point = (dot < 0 ? text.Length : dot) + exponent;
        var digits = text.Replace(".", "");
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0').TrimEnd('0');
        return digits.Length == 0 ? ("0", 1) : (digits, point - leading);
    }

    private static string Exponent(string digits, int point, int precision)
    {
        var sb = new StringBuilder().Append(digits[0]);
        var fraction = digits[1..];
        if (precision >= 0)
        {
            fraction = fraction.PadRight(precision, '0')[..precision];
        }

        if (fraction.Length > 0)
        {
            sb.Append('.').Append(fraction);
        }

        var exp = digits == "0" ? 0 : point - 1;
        sb.Append(exp < 0 ? "e-" : "e+").Append(Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string Fixed(string digits, int point, int precision)
    {
        var integer = point <= 0 ? "0" : digits.PadRight(point, '0')[..point];
        var fraction = point >= digits.Length ? "" : point < 0 ? new string('0', -point) + digits : digits[point..];
        if (precision >= 0)
        {
            fraction = fraction.PadRight(precision, '0')[..precision];
        }

        return fraction.Length > 0 ? integer + "." + fraction : integer;
    }

    private static string General(string digits, int point, int precision)
    {
        var eprec = precision < 0 ? 6 : precision == 0 ? 1 : precision;
        if (precision >= 0 && eprec > digits.Length && digits.Length >= point)
        {
            eprec = digits.Length;
        }

        var exp = point - 1;
        if (exp < -4 || exp >= eprec)
        {
            return Exponent(digits, point, -1);
        }

        return Fixed(digits, point, -1);
    }
}
