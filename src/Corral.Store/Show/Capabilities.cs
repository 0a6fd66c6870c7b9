using System.Text.RegularExpressions;
using Corral.Store.Gguf;

namespace Corral.Store.Show;

/// <summary>
/// Capabilities as Ollama derives them (https://github.com/ollama/ollama/blob/main/server/images.go
/// Model.Capabilities): embedding when the GGUF has <c>&lt;arch&gt;.pooling_type</c>, else completion; vision
/// for <c>&lt;arch&gt;.vision.block_count</c> or projector layers; tools/insert when the template uses
/// <c>.Tools</c>/<c>.Suffix</c>; thinking when it uses <c>.Thinking</c> or the family is gpt-oss.
/// </summary>
public static partial class Capabilities
{
    public const string Completion = "completion";
    public const string Embedding = "embedding";
    public const string Tools = "tools";
    public const string Insert = "insert";
    public const string Vision = "vision";
    public const string Thinking = "thinking";

    public static IReadOnlyList<string> Derive(GgufFile? model, string? template, bool hasProjector, string? family)
    {
        var result = new List<string>();
        if (model is not null)
        {
            result.Add(model.HasKey($"{model.Architecture}.pooling_type") ? Embedding : Completion);
            if (model.HasKey($"{model.Architecture}.vision.block_count"))
            {
                result.Add(Vision);
            }
        }

        if (string.IsNullOrEmpty(template))
        {
            return result;
        }

        if (UsesField(template, "Tools"))
        {
            result.Add(Tools);
        }

        if (UsesField(template, "Suffix"))
        {
            result.Add(Insert);
        }

        if (hasProjector && !result.Contains(Vision))
        {
            result.Add(Vision);
        }

        if (UsesField(template, "Thinking") || family is "gptoss" or "gpt-oss")
        {
            result.Add(Thinking);
        }

        return result;
    }

    // A field reference inside an action, e.g. {{ if .Tools }} or {{ range $.Tools }}.
    private static bool UsesField(string template, string field) =>
        ActionPattern().Matches(template).Any(m => Regex.IsMatch(m.Value, $@"\.{field}\b"));

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex ActionPattern();
}
