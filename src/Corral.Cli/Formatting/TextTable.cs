using System.Text;

namespace Corral.Cli.Formatting;

/// <summary>
/// The borderless table Ollama draws with tablewriter (<c>SetBorder(false)</c>, <c>SetNoWhiteSpace(true)</c>,
/// <c>SetTablePadding("    ")</c>): every cell left-aligned, padded to its column's width and followed by
/// four spaces, the last one included.
/// </summary>
public static class TextTable
{
    private const string Padding = "    ";

    public static string Render(IReadOnlyList<string>? header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var all = header is null ? rows : rows.Prepend(header).ToList();
        var columns = all.Count == 0 ? 0 : all.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns)
            .Select(c => all.Max(r => c < r.Count ? r[c].Length : 0))
            .ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            for (var c = 0; c < row.Count; c++)
            {
                text.Append(row[c].PadRight(widths[c])).Append(Padding);
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
