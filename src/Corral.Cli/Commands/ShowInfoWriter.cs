using System.Globalization;
using System.Text;
using System.Text.Json;
using Corral.Cli.Formatting;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary>
/// The sectioned <c>corral show MODEL</c> output of Ollama's <c>showInfo</c>
/// (https://github.com/ollama/ollama/blob/main/cmd/cmd.go): <c>  Model</c>, <c>  Capabilities</c>, <c>  Projector</c>,
/// <c>  Parameters</c>, verbose <c>  Metadata</c>/<c>  Tensors</c>, then the first two lines of System and License.
/// </summary>
public static class ShowInfoWriter
{
    public static string Render(ShowResponse show, bool verbose)
    {
        var text = new StringBuilder();
        Section(text, "Model", ModelRows(show));
        if (show.Capabilities is { Count: > 0 } capabilities)
        {
            Section(text, "Capabilities", capabilities.Select(c => Row(c)));
        }

        if (show.ProjectorInfo is { } projector)
        {
            Section(text, "Projector", ProjectorRows(projector));
        }

        if (!string.IsNullOrEmpty(show.Parameters))
        {
            Section(text, "Parameters", show.Parameters.Split('\n')
                .Where(l => l.Length > 0)
                .Select(l => (IReadOnlyList<string>)["", .. l.Split(' ', StringSplitOptions.RemoveEmptyEntries)]));
        }

        if (verbose && show.ModelInfo is { } info)
        {
            Section(text, "Metadata", info.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Row(p.Key, Value(p.Value))));
        }

        if (verbose && show.Tensors is { Count: > 0 } tensors)
        {
            Section(text, "Tensors", tensors.Select(t => Row(t.Name, t.Type, "[" + string.Join(" ", t.Shape) + "]")));
        }

        if (!string.IsNullOrEmpty(show.System))
        {
            Section(text, "System", Head(show.System));
        }

        if (!string.IsNullOrEmpty(show.License))
        {
            Section(text, "License", Head(show.License));
        }

        return text.ToString();
    }

    private static IEnumerable<IReadOnlyList<string>> ModelRows(ShowResponse show)
    {
        var details = show.Details ?? new ModelDetails();
        if (!string.IsNullOrEmpty(show.RemoteHost))
        {
            yield return Row("Remote model", show.RemoteModel ?? "");
            yield return Row("Remote URL", show.RemoteHost);
        }

        if (show.ModelInfo is { } info)
        {
            var arch = info.TryGetValue("general.architecture", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
            if (arch.Length > 0)
            {
                yield return Row("architecture", arch);
            }

            var parameters = details.ParameterSize;
            if (parameters.Length == 0 && info.TryGetValue("general.parameter_count", out var count) && count.ValueKind == JsonValueKind.Number)
            {
                parameters = HumanNumber(count.GetDouble());
            }

            if (parameters.Length > 0)
            {
                yield return Row("parameters", parameters);
            }

            if (info.TryGetValue(arch + ".context_length", out var context) && context.ValueKind == JsonValueKind.Number)
            {
                yield return Row("context length", Value(context));
            }

            if (info.TryGetValue(arch + ".embedding_length", out var embedding) && embedding.ValueKind == JsonValueKind.Number)
            {
                yield return Row("embedding length", Value(embedding));
            }
        }
        else
        {
            yield return Row("architecture", details.Family);
            yield return Row("parameters", details.ParameterSize);
        }

        yield return Row("quantization", details.QuantizationLevel);
        if (!string.IsNullOrEmpty(show.Requires))
        {
            yield return Row("requires", show.Requires);
        }
    }

    private static IEnumerable<IReadOnlyList<string>> ProjectorRows(Dictionary<string, JsonElement> projector)
    {
        var arch = projector.TryGetValue("general.architecture", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
        if (arch.Length > 0)
        {
            yield return Row("architecture", arch);
        }

        if (projector.TryGetValue("general.parameter_count", out var count) && count.ValueKind == JsonValueKind.Number)
        {
            yield return Row("parameters", HumanNumber(count.GetDouble()));
        }
    }

    private static void Section(StringBuilder text, string header, IEnumerable<IReadOnlyList<string>> rows)
    {
        text.Append("  ").Append(header).Append('\n');
        text.Append(TextTable.Render(null, rows.ToList()));
        text.Append('\n');
    }

    private static IEnumerable<IReadOnlyList<string>> Head(string s)
    {
        var lines = s.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        foreach (var line in lines.Take(2))
        {
            yield return Row(line);
        }

        if (lines.Count > 2)
        {
            yield return Row("...");
        }
    }

    private static IReadOnlyList<string> Row(params string[] cells) => ["", .. cells];

    /// <summary>A metadata value as Go's <c>%v</c>/<c>%g</c> prints it; long arrays shortened to <c>[a b ...+N more]</c>.</summary>
    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDouble().ToString("G", CultureInfo.InvariantCulture),
        JsonValueKind.Array => ShortArray(value.EnumerateArray().Select(Value).ToList()),
        _ => value.GetRawText(),
    };

    private static string ShortArray(List<string> items)
    {
        const int targetWidth = 10;
        var width = 1;
        var shown = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var w = items[i].Length + (i > 0 ? 2 : 0);
            if (width + w > targetWidth && i > 0)
            {
                break;
            }

            width += w;
            shown++;
        }

        var head = "[" + string.Join(' ', items.Take(shown));
        return shown < items.Count ? head + $" ...+{items.Count - shown} more]" : head + "]";
    }

    /// <summary>Ollama's <c>format.HumanNumber</c>: <c>8B</c>, <c>1.2M</c>, <c>512</c>.</summary>
    private static string HumanNumber(double n)
    {
        (double Size, string Unit)[] units = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];
        foreach (var (size, unit) in units)
        {
            if (n >= size)
            {
                var value = n / size;
                return (value == Math.Truncate(value) ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("0.##", CultureInfo.InvariantCulture)) + unit;
            }
        }

        return ((long)n).ToString(CultureInfo.InvariantCulture);
    }
}
