using System.Globalization;
using System.Text;

namespace Corral.Store.Modelfiles;

/// <summary>Go's <c>%v</c>/<c>%#v</c> formatting of the values found in a params layer (JSON scalars).</summary>
public static class GoFormat
{
    /// <summary>Go's <c>strconv.Quote</c>: <c>%#v</c> of a string.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                case < 0x20 or 0x7f: sb.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}"); break;
                default:
                    if (IsPrint(rune))
                    {
                        sb.Append(rune.ToString());
                    }
                    else if (rune.Value < 0x10000)
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Go's <c>%v</c> of a float64 (strconv 'g', shortest): exponent form below 1e-4 or from 1e6.</summary>
    public static string Float(double v)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "+Inf" : "-Inf";
        }

        if (v == 0)
        {
            return "0";
        }

        var shortest = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int exponent;
        var e = shortest.IndexOf('E');
        if (e >= 0)
        {
            digits = shortest[..e].Replace(".", "", StringComparison.Ordinal);
            exponent = int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        }
        else
        {
            var dot = shortest.IndexOf('.');
            var integral = dot < 0 ? shortest : shortest[..dot];
            var all = integral + (dot < 0 ? "" : shortest[(dot + 1)..]);
            digits = all.TrimStart('0');
            exponent = integral.Length - 1 - (all.Length - digits.Length);
        }

        digits = digits.TrimEnd('0');
        var sign = v < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 6)
        {
            return sign + (e >= 0 ? Math.Abs(v).ToString("0.####################", CultureInfo.InvariantCulture) : shortest);
        }

        var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        return FormattableString.Invariant($"{sign}{mantissa}e{(exponent < 0 ? '-' : '+')}{Math.Abs(exponent):00}");
    }

    private static bool IsPrint(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or
            UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or
            UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => true,
    };
}
