using System.Collections.Concurrent;
using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Server.Models;
using Corral.Templates;
using Corral.Templates.GoTemplate;

namespace Corral.Server.Wiring;

/// <summary>
/// Renders prompts with the model's Go template (Corral.Templates), as Ollama's chat and generate handlers do
/// (reference section 7). Every message is kept: the runner truncates a prompt longer than num_ctx and
/// reports it, since this seam has no tokenizer to measure messages with.
/// </summary>
public sealed class TemplatePromptRenderer : IPromptRenderer
{
    private readonly ConcurrentDictionary<string, PromptTemplate> _templates = new(StringComparer.Ordinal);

    public (string? Prompt, ApiError? Error) RenderGenerate(CatalogModel model, GenerateRequest request, bool think)
    {
        var templateText = request.Template is { Length: > 0 } custom ? custom : model.Template;
        return Render(templateText, template =>
        {
            var prompt = request.Prompt ?? "";
            if (request.Suffix is { Length: > 0 } suffix)
            {
                // Fill-in-the-middle renders the prompt and suffix directly, without history (Ollama GenerateHandler).
                return template.Render(new PromptInput { Prompt = prompt, Suffix = suffix });
            }
            var messages = PromptBuilder.GenerateMessages(request.System ?? "", model.System ?? "",
                model.Messages.Select(TemplateMapping.ToChatMessage).ToList(), request.Context is { Count: > 0 }, prompt,
                request.Images?.Count ?? 0);
            return Build(template, new PromptInput { Messages = messages }, think);
        });
    }

    public (string? Prompt, ApiError? Error) RenderChat(CatalogModel model, IReadOnlyList<Message> messages, IReadOnlyList<Tool>? tools, bool think) =>
        Render(model.Template, template => Build(template, new PromptInput
        {
            Messages = messages.Select(TemplateMapping.ToChatMessage).ToList(),
            Tools = TemplateMapping.ToToolsJson(tools),
        }, think));

    private static string Build(PromptTemplate template, PromptInput input, bool think)
    {
        var option = think ? new ThinkOption(true, "medium", true) : ThinkOption.Unset;
        return PromptBuilder.Build(template, option.ApplyTo(input), new PromptBudget(_ => 0, int.MaxValue) { Truncate = false }).Prompt;
    }

    private (string? Prompt, ApiError? Error) Render(string? templateText, Func<PromptTemplate, string> render)
    {
        try
        {
            var template = string.IsNullOrEmpty(templateText)
                ? PromptTemplate.Default
                : _templates.GetOrAdd(templateText, text => PromptTemplate.Parse(text));
            return (render(template), null);
        }
        catch (TemplateException e)
        {
            return (null, new ApiError(500, e.Message));
        }
    }
}
