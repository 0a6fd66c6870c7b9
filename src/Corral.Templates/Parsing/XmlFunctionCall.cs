using System.Text;
using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Parsing;

/// <summary>
/// The XML-ish call form Qwen3-Coder and similar models emit inside a tool-call tag:
/// <c>&lt;function=name&gt;&lt;parameter=key&gt;value&lt;/parameter&gt;&lt;/function&gt;</c>. Parameter values that are
/// valid JSON keep their type; anything else is a string.
/// </summary>
internal static class XmlFunctionCall
{
    public const string Start = "<function=";
    private const string End = "</function>";

    /// <summary>Parses a complete call at the start of <paramref name="text"/>; returns the length consumed, or -1 while incomplete.</summary>
    public static int TryParse(string text, out string name, out JsonElement arguments)
    {
        name = "";
        arguments = default;
        var end = text.IndexOf(End, StringComparison.Ordinal);
        var nameEnd = text.IndexOf('>', Start.Length);
        if (end < 0 || nameEnd < 0 || nameEnd > end)
        {
            return -1;
        }

        name = text[Start.Length..nameEnd].Trim();
        var json = new StringBuilder("{");
        var body = text[(nameEnd + 1)..end];
        var position = 0;
        while (true)
        {
            var open = body.IndexOf("<parameter=", position, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var keyEnd = body.IndexOf('>', open);
            var close = body.IndexOf("</parameter>", keyEnd + 1, StringComparison.Ordinal);
            if (keyEnd < 0 || close < 0)
            {
                break;
            }

            var key = body[(open + "<parameter=".Length)..keyEnd].Trim();
            var value = body[(keyEnd + 1)..close].Trim('\n');
            json.Append(json.Length > 1 ? "," : "");
            GoJson.WriteString(json, key);
            json.Append(':').Append(IsJson(value) ? value : GoJson.Marshal(value));
            position = close + "</parameter>".Length;
        }

        using var document = JsonDocument.Parse(json.Append('}').ToString());
        arguments = document.RootElement.Clone();
        return end + End.Length;
    }

    private static bool IsJson(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.ValueKind != JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
