using System.Globalization;
using System.Text;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// fmt.Sprintf for the verbs templates use (%v %s %q %d %t %f %e %g %x %X %o %b %c %T %%), with flags
/// (- + # 0 space), width and precision, and Go's %!verb(type=value) / MISSING / EXTRA error text.
/// </summary>
internal static class GoPrintf
{
    public static string Format(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var argIndex = 0;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i++];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }

            var spec = new PrintfSpec();
            for (; i < format.Length && format[i] is '-' or '+' or '#' or '0' or ' '; i++)
            {
                switch (format[i])
                {
                    case '-': spec.Minus = true; break;
                    case '+': spec.Plus = true; break;
                    case '#': spec.Sharp = true; break;
                    case '0': spec.Zero = true; break;
                    case ' ': spec.Space = true; break;
                }
            }

            spec.Width = ReadNumber(format, ref i);
            if (i < format.Length && format[i] == '.')
            {
                i++;
                spec.Precision = ReadNumber(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i++];
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argIndex >= args.Count)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            sb.Append(FormatOne(verb, GoValues.Normalize(args[argIndex++]), spec));
        }

        if (argIndex < args.Count)
        {
            sb.Append("%!(EXTRA ");
            sb.AppendJoin(", ", args.Skip(argIndex).Select(a => $"{GoValues.TypeName(a)}={GoFormat.Value(GoValues.Normalize(a))}"));
            sb.Append(')');
        }

        return sb.ToString();
    }

    private static int? ReadNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
    }

    private static string FormatOne(char verb, object? arg, PrintfSpec spec)
    {
        string? text = (verb, arg) switch
        {
            ('v', double d) => Number(GoFloat.Format(d, 'g', spec.Precision ?? -1), spec),
            ('v', long l) => Number(l.ToString(CultureInfo.InvariantCulture), spec),
            ('v', _) => Truncate(GoFormat.Value(arg), spec),
            ('T', _) => GoValues.TypeName(arg),
            ('s', string s) => Truncate(s, spec),
            ('s', ITemplateStringer or System.Text.Json.JsonElement or System.Collections.IEnumerable) => Truncate(GoFormat.Value(arg), spec),
            ('q', string s) => GoFormat.Quote(s),
            ('q', long l) => GoFormat.QuoteRune((int)l),
            ('t', bool b) => b ? "true" : "false",
            ('d', long l) => Number(l.ToString(CultureInfo.InvariantCulture), spec),
            ('c', long l) => l is >= 0 and <= 0x10FFFF && Rune.IsValid((int)l) ? char.ConvertFromUtf32((int)l) : "\uFFFD",
            ('x', long l) => Number((l < 0 ? "-" : "") + (spec.Sharp ? "0x" : "") + Math.Abs(l).ToString("x", CultureInfo.InvariantCulture), spec),
            ('X', long l) => Number((l < 0 ? "-" : "") + (spec.Sharp ? "0X" : "") + Math.Abs(l).ToString("X", CultureInfo.InvariantCulture), spec),
            ('o', long l) => Number((l < 0 ? "-" : "") + (spec.Sharp ? "0" : "") + Convert.ToString(Math.Abs(l), 8), spec),
            ('b', long l) => Number((l < 0 ? "-" : "") + Convert.ToString(Math.Abs(l), 2), spec),
            ('x', string s) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s)),
            ('X', string s) => Convert.ToHexString(Encoding.UTF8.GetBytes(s)),
            ('f' or 'F', double d) => Number(GoFloat.Format(d, 'f', spec.Precision ?? 6), spec),
            ('e', double d) => Number(GoFloat.Format(d, 'e', spec.Precision ?? 6), spec),
            ('g', double d) => Number(GoFloat.Format(d, 'g', spec.Precision ?? -1), spec),
            _ => null,
        };
        if (text is null)
        {
            return $"%!{verb}({GoValues.TypeName(arg)}={GoFormat.Value(arg)})";
        }

        return Pad(text, spec);
    }

    private static string Number(string digits, PrintfSpec spec)
    {
        if (!digits.StartsWith('-') && (spec.Plus || spec.Space))
        {
            digits = (spec.Plus ? "+" : " ") + digits;
        }

        if (spec.Zero && !spec.Minus && spec.Width is { } width && digits.Length < width)
        {
            var sign = digits[0] is '+' or '-' or ' ' ? digits[..1] : "";
            digits = sign + digits[sign.Length..].PadLeft(width - sign.Length, '0');
        }

        return digits;
    }

    private static string Truncate(string s, PrintfSpec spec) =>
        spec.Precision is { } p && s.Length > p ? s[..p] : s;

    private static string Pad(string text, PrintfSpec spec)
    {
        if (spec.Width is not { } width || text.Length >= width)
        {
            return text;
        }

        return spec.Minus ? text.PadRight(width) : text.PadLeft(width);
    }
}
