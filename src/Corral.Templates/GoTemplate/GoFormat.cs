using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// The subset of Go's fmt package that templates reach through printing, <c>print</c>, <c>println</c> and
/// <c>printf</c>: %v formatting of values, operand spacing, and strconv.Quote.
/// </summary>
internal static class GoFormat
{
    /// <summary>fmt's %v: nil prints as &lt;nil&gt;, maps as map[k:v] with sorted keys, slices as [a b].</summary>
    public static string Value(object? value) => GoValues.Normalize(value) switch
    {
        null => "<nil>",
        string s => s,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => GoFloat.Format(d, 'g', -1),
        ITemplateStringer stringer => stringer.ToTemplateString(),
        JsonElement json => GoJson.Marshal(json),
        IDictionary map => "map[" + string.Join(' ', GoValues.SortedKeys(map).Select(k => Value(k) + ":" + Value(map[k!]))) + "]",
        IEnumerable list => "[" + string.Join(' ', list.Cast<object?>().Select(Value)) + "]",
        var other => "{" + string.Join(' ', other.GetType().GetProperties().Select(p => Value(p.GetValue(other)))) + "}",
    };

    /// <summary>fmt.Sprint: spaces are added between operands when neither side is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                sb.Append(' ');
            }

            sb.Append(Value(args[i]));
        }

        return sb.ToString();
    }

    /// <summary>fmt.Sprintln: always spaces between operands and a trailing newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> args) => string.Join(' ', args.Select(Value)) + "\n";

    /// <summary>strconv.Quote.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var rune in s.EnumerateRunes())
        {
            AppendQuoted(sb, rune, '"');
        }

        return sb.Append('"').ToString();
    }

    /// <summary>strconv.QuoteRune.</summary>
    public static string QuoteRune(int rune)
    {
        var sb = new StringBuilder("'");
        AppendQuoted(sb, Rune.IsValid(rune) ? new Rune(rune) : Rune.ReplacementChar, '\'');
        return sb.Append('\'').ToString();
    }

    private static void AppendQuoted(StringBuilder sb, Rune rune, char quote)
    {
        switch (rune.Value)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
            case '\\': sb.Append("\\\\"); return;
        }

        if (rune.Value == quote)
        {
            sb.Append('\\').Append(quote);
        }
        else if (rune.Value < 0x20 || rune.Value == 0x7f)
        {
            sb.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned)
        {
            sb.Append(rune.Value > 0xffff ? "\\U" + rune.Value.ToString("x8", CultureInfo.InvariantCulture) : "\\u" + rune.Value.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append(rune.ToString());
        }
    }
}
