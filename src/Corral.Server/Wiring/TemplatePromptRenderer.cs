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
public sealed class TemplatePromptRenderer(TemplateCache templates) : IPromptRenderer
{
    public (string? Prompt, ApiError? Error) RenderGenerate(CatalogModel model, GenerateRequest request, ThinkValue? think)
    {
        var custom = request.Template is { Length: > 0 };
        // A template the request brought is bad input (400); the model's own is the store's fault (500, as Ollama).
        return Render(custom ? request.Template : model.Template, custom ? 400 : 500, template =>
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

    public (string? Prompt, ApiError? Error) RenderChat(CatalogModel model, IReadOnlyList<Message> messages, IReadOnlyList<Tool>? tools, ThinkValue? think) =>
        Render(model.Template, 500, template =>
        {
            IReadOnlyList<ChatMessage> chat = messages.Select(TemplateMapping.ToChatMessage).ToList();
            if (StripsEarlierThinking(model))
            {
                chat = PromptBuilder.StripThinkingBeforeLastUser(chat);
            }
            return Build(template, new PromptInput { Messages = chat, Tools = TemplateMapping.ToToolsJson(tools) }, think);
        });

    // Ollama's filterThinkTags applies to the qwen3 family and to models named deepseek-r1 (any namespace or tag).
    private static bool StripsEarlierThinking(CatalogModel model)
    {
        var name = model.ShortName;
        var tag = name.LastIndexOf(':');
        var bare = tag >= 0 ? name[..tag] : name;
        return model.Details.Family == "qwen3" || bare[(bare.LastIndexOf('/') + 1)..] == "deepseek-r1";
    }

    private static string Build(PromptTemplate template, PromptInput input, ThinkValue? think)
    {
        // Ollama's template values: a level is passed through, true means "medium", any set value sets IsThinkSet.
        var option = think switch
        {
            null => ThinkOption.Unset,
            { Enabled: true } value => new ThinkOption(true, value.Level ?? "medium", true),
            _ => new ThinkOption(false, "", true),
        };
        return PromptBuilder.Build(template, option.ApplyTo(input), new PromptBudget(_ => 0, int.MaxValue) { Truncate = false }).Prompt;
    }

    private (string? Prompt, ApiError? Error) Render(string? templateText, int errorStatus, Func<PromptTemplate, string> render)
    {
        try
        {
            return (render(templates.Get(templateText)), null);
        }
        catch (TemplateException e)
        {
            return (null, new ApiError(errorStatus, e.Message));
        }
    }
}
