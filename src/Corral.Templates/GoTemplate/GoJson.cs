using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// encoding/json.Marshal as Ollama's <c>json</c> template function and <c>String()</c> methods use it: compact,
/// HTML-escaped (&lt; &gt; &amp; as \u003c \u003e \u0026), map keys sorted, JSON objects kept in their order.
/// </summary>
public static class GoJson
{
    public static string Marshal(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();
    }

    internal static void Write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case IGoJsonMarshaler marshaler:
                sb.Append(marshaler.MarshalJson());
                return;
            case JsonElement json:
                WriteElement(sb, json);
                return;
        }

        switch (GoValues.Normalize(value))
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(FormatNumber(d));
                break;
            case IDictionary map:
                sb.Append('{');
                var first = true;
                foreach (var key in GoValues.SortedKeys(map))
                {
                    sb.Append(first ? "" : ",");
                    first = false;
                    WriteString(sb, GoFormat.Value(key));
                    sb.Append(':');
                    Write(sb, map[key!]);
                }

                sb.Append('}');
                break;
            case IEnumerable list:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in list)
                {
                    sb.Append(firstItem ? "" : ",");
                    firstItem = false;
                    Write(sb, item);
                }

                sb.Append(']');
                break;
            case var other:
                sb.Append('{');
                var firstProperty = true;
                foreach (var property in other.GetType().GetProperties())
                {
                    sb.Append(firstProperty ? "" : ",");
                    firstProperty = false;
                    WriteString(sb, property.Name);
                    sb.Append(':');
                    Write(sb, property.GetValue(other));
                }

                sb.Append('}');
                break;
        }
    }

    private static void WriteElement(StringBuilder sb, JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                var first = true;
                foreach (var property in json.EnumerateObject())
                {
                    sb.Append(first ? "" : ",");
                    first = false;
                    WriteString(sb, property.Name);
                    sb.Append(':');
                    WriteElement(sb, property.Value);
                }

                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in json.EnumerateArray())
                {
                    sb.Append(firstItem ? "" : ",");
                    firstItem = false;
                    WriteElement(sb, item);
                }

                sb.Append(']');
                break;
            case JsonValueKind.Number:
                // Go decodes JSON numbers into float64 before marshalling them again.
                sb.Append(FormatNumber(json.GetDouble()));
                break;
            default:
                Write(sb, GoValues.Normalize(json));
                break;
        }
    }

    /// <summary>encoding/json's float64 format: shortest digits, exponent form only below 1e-6 or from 1e21.</summary>
    private static string FormatNumber(double d)
    {
        var abs = Math.Abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var text = GoFloat.Format(d, 'e', -1);
            var e = text.IndexOf('e');
            // Go trims "e-07" to "e-7".
            return text[e + 2] == '0' && text.Length - e == 4 ? text[..(e + 2)] + text[(e + 3)..] : text;
        }

        return GoFloat.Format(d, 'f', -1);
    }

    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '<' or '>' or '&' or 0x2028 or 0x2029:
                case < 0x20:
                    sb.Append("\\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(rune.ToString());
                    break;
            }
        }

        sb.Append('"');
    }
}
