using Corral.Store.Gguf;
using Corral.Templates;
using Corral.Templates.GoTemplate;

namespace Corral.Store.Show;

/// <summary>
/// Capabilities as Ollama derives them (https://github.com/ollama/ollama/blob/main/server/images.go
/// Model.Capabilities): embedding when the GGUF has <c>&lt;arch&gt;.pooling_type</c>, else completion; vision
/// for <c>&lt;arch&gt;.vision.block_count</c> or projector layers; tools/insert when the template uses
/// <c>.Tools</c>/<c>.Suffix</c>; thinking when the template's thinking tags can be inferred or the family is gpt-oss.
/// </summary>
public static class Capabilities
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

        var fromTemplate = TemplateCapabilities(template);
        if (fromTemplate.Contains(Tools))
        {
            result.Add(Tools);
        }

        if (fromTemplate.Contains(Insert))
        {
            result.Add(Insert);
        }

        if (hasProjector && !result.Contains(Vision))
        {
            result.Add(Vision);
        }

        if (fromTemplate.Contains(Thinking) || family is "gptoss" or "gpt-oss")
        {
            result.Add(Thinking);
        }

        return result;
    }

    // Corral.Templates is the one source of what a template can do (its parsed variables and inferred thinking
    // tags); a template that does not parse adds nothing, as a model with a broken template cannot use it.
    private static IReadOnlyList<string> TemplateCapabilities(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return [];
        }

        try
        {
            return PromptTemplate.Parse(template).Capabilities;
        }
        catch (TemplateException)
        {
            return [];
        }
    }
}
