using System.Globalization;
using System.Text;

namespace Corral.Contracts.Json;

/// <summary>
/// Go's <c>time.ParseDuration</c> and <c>time.Duration.String</c>, so keep-alive values round-trip exactly as
/// Ollama's (https://pkg.go.dev/time#ParseDuration, https://cs.opensource.google/go/go/+/refs/tags/go1.24.0:src/time/time.go).
/// </summary>
public static class GoDuration
{
    private const ulong MaxMagnitude = 1UL << 63;

    private static readonly Dictionary<string, ulong> _units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["\u00b5s"] = 1_000,
        ["\u03bcs"] = 1_000,
        ["ms"] = 1_000_000,
        ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000,
    };

    /// <summary>Parses a Go duration string into nanoseconds; on failure <paramref name="error"/> is Go's message.</summary>
    public static bool TryParse(string text, out long nanoseconds, out string? error)
    {
        nanoseconds = 0;
        error = null;
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s is "0")
        {
            return true;
        }
        if (s.IsEmpty)
        {
            return Fail(Invalid(text), out error);
        }
        ulong total = 0;
        while (!s.IsEmpty)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                return Fail(Invalid(text), out error);
            }
            var before = s.Length;
            if (!TryLeadingInt(ref s, out var whole))
            {
                return Fail(Invalid(text), out error);
            }
            var hasWhole = before != s.Length;
            ulong fraction = 0;
            var scale = 1.0;
            var hasFraction = false;
            if (!s.IsEmpty && s[0] == '.')
            {
                s = s[1..];
                var fractionStart = s.Length;
                LeadingFraction(ref s, out fraction, out scale);
                hasFraction = fractionStart != s.Length;
            }
            if (!hasWhole && !hasFraction)
            {
                return Fail(Invalid(text), out error);
            }
            var unitLength = 0;
            while (unitLength < s.Length && s[unitLength] != '.' && !char.IsAsciiDigit(s[unitLength]))
            {
                unitLength++;
            }
            if (unitLength == 0)
            {
                return Fail($"time: missing unit in duration {GoQuote.Quote(text)}", out error);
            }
            var unitText = s[..unitLength].ToString();
            s = s[unitLength..];
            if (!_units.TryGetValue(unitText, out var unit))
            {
                return Fail($"time: unknown unit {GoQuote.Quote(unitText)} in duration {GoQuote.Quote(text)}", out error);
            }
            if (whole > MaxMagnitude / unit)
            {
                return Fail(Invalid(text), out error);
            }
            whole *= unit;
            if (fraction > 0)
            {
                whole += (ulong)(fraction * (unit / scale));
                if (whole > MaxMagnitude)
                {
                    return Fail(Invalid(text), out error);
                }
            }
            total += whole;
            if (total > MaxMagnitude)
            {
                return Fail(Invalid(text), out error);
            }
        }
        if (negative)
        {
            nanoseconds = total == MaxMagnitude ? long.MinValue : -(long)total;
            return true;
        }
        if (total > long.MaxValue)
        {
            return Fail(Invalid(text), out error);
        }
        nanoseconds = (long)total;
        return true;
    }

    /// <summary>Formats nanoseconds like Go's <c>Duration.String()</c>: <c>5m0s</c>, <c>1.5s</c>, <c>300ms</c>, <c>0s</c>.</summary>
    public static string Format(long nanoseconds)
    {
        var negative = nanoseconds < 0;
        var u = negative ? (ulong)(-(nanoseconds + 1)) + 1 : (ulong)nanoseconds;
        var builder = new StringBuilder();
        if (u < 1_000_000_000)
        {
            if (u == 0)
            {
                return "0s";
            }
            int precision;
            string suffix;
            if (u < 1_000)
            {
                precision = 0;
                suffix = "ns";
            }
            else if (u < 1_000_000)
            {
                precision = 3;
                suffix = "\u00b5s";
            }
            else
            {
                precision = 6;
                suffix = "ms";
            }
            var fractionText = FormatFraction(ref u, precision);
            builder.Append(u.ToString(CultureInfo.InvariantCulture)).Append(fractionText).Append(suffix);
        }
        else
        {
            var fractionText = FormatFraction(ref u, 9);
            var seconds = u % 60;
            u /= 60;
            var secondsText = seconds.ToString(CultureInfo.InvariantCulture) + fractionText + "s";
            if (u > 0)
            {
                var minutes = u % 60;
                u /= 60;
                secondsText = minutes.ToString(CultureInfo.InvariantCulture) + "m" + secondsText;
                if (u > 0)
                {
                    secondsText = u.ToString(CultureInfo.InvariantCulture) + "h" + secondsText;
                }
            }
            builder.Append(secondsText);
        }
        return negative ? "-" + builder : builder.ToString();
    }

    private static string FormatFraction(ref ulong value, int precision)
    {
        var digits = new char[precision];
        var start = precision;
        var print = false;
        for (var i = 0; i < precision; i++)
        {
            var digit = value % 10;
            print = print || digit != 0;
            if (print)
            {
                digits[--start] = (char)('0' + (int)digit);
            }
            value /= 10;
        }
        return print ? "." + new string(digits, start, precision - start) : "";
    }

    private static bool TryLeadingInt(ref ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (value > MaxMagnitude / 10)
            {
                return false;
            }
            value = value * 10 + (ulong)(s[i] - '0');
            if (value > MaxMagnitude)
            {
                return false;
            }
        }
        s = s[i..];
        return true;
    }

    private static void LeadingFraction(ref ReadOnlySpan<char> s, out ulong value, out double scale)
    {
        value = 0;
        scale = 1;
        var overflow = false;
        var i = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            if (overflow)
            {
                continue;
            }
            if (value > (MaxMagnitude - 1) / 10)
            {
                overflow = true;
                continue;
            }
            var next = value * 10 + (ulong)(s[i] - '0');
            if (next > MaxMagnitude)
            {
                overflow = true;
                continue;
            }
            value = next;
            scale *= 10;
        }
        s = s[i..];
    }

    private static string Invalid(string text) => $"time: invalid duration {GoQuote.Quote(text)}";

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }
}
