using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Server.Models;
using Corral.Templates;
using Corral.Templates.GoTemplate;

namespace Corral.Server.Wiring;

/// <summary>
/// Renders prompts with the model's Go template (Corral.Templates), as Ollama's chat and generate handlers do
/// (reference section 7), dropping the oldest history messages that do not fit the budget.
/// </summary>
public sealed class TemplatePromptRenderer(TemplateCache templates) : IPromptRenderer
{
    public Task<(RenderedPrompt? Prompt, ApiError? Error)> RenderGenerateAsync(CatalogModel model, GenerateRequest request,
        ThinkValue? think, PromptBudget budget, CancellationToken cancellationToken)
    {
        var custom = request.Template is { Length: > 0 };
        var images = request.Images ?? [];
        // A template the request brought is bad input (400); the model's own is the store's fault (500, as Ollama).
        return RenderAsync(custom ? request.Template : model.Template, custom ? 400 : 500, async template =>
        {
            var prompt = request.Prompt ?? "";
            if (request.Suffix is { Length: > 0 } suffix)
            {
                // Fill-in-the-middle renders the prompt and suffix directly, without history (Ollama GenerateHandler).
                return new RenderedPrompt(template.Render(new PromptInput { Prompt = prompt, Suffix = suffix })) { Images = images };
            }
            var messages = PromptBuilder.GenerateMessages(request.System ?? "", model.System ?? "",
                model.Messages.Select(TemplateMapping.ToChatMessage).ToList(), request.Context is { Count: > 0 }, prompt,
                images.Count);
            var input = new PromptInput { Messages = messages };
            if (custom)
            {
                // As Ollama's legacy flow, a request's own template is executed once on everything it is given:
                // no history fitting and no image tags (only tags the prompt itself carries reach the runner).
                return new RenderedPrompt(template.Render(ThinkOptionOf(think).ApplyTo(input))) { Images = images };
            }
            // The prompt is the last message, always kept, and the only one with images (MESSAGE history has none).
            var result = await BuildAsync(template, input, think, budget, cancellationToken);
            return new RenderedPrompt(result.Prompt, result.DroppedMessages) { Images = images };
        });
    }

    public Task<(RenderedPrompt? Prompt, ApiError? Error)> RenderChatAsync(CatalogModel model, IReadOnlyList<Message> messages,
        IReadOnlyList<Tool>? tools, ThinkValue? think, PromptBudget budget, CancellationToken cancellationToken) =>
        RenderAsync(model.Template, 500, async template =>
        {
            IReadOnlyList<ChatMessage> chat = messages.Select(TemplateMapping.ToChatMessage).ToList();
            if (StripsEarlierThinking(model))
            {
                chat = PromptBuilder.StripThinkingBeforeLastUser(chat);
            }
            var result = await BuildAsync(template, new PromptInput { Messages = chat, Tools = TemplateMapping.ToToolsJson(tools) },
                think, budget, cancellationToken);
            return new RenderedPrompt(result.Prompt, result.DroppedMessages)
            {
                Images = messages.Skip(result.FirstMessage).SelectMany(m => m.Images ?? []).ToList(),
            };
        });

    // Ollama's filterThinkTags applies to the qwen3 family and to models named deepseek-r1 (any namespace or tag).
    private static bool StripsEarlierThinking(CatalogModel model)
    {
        var name = model.ShortName;
        var tag = name.LastIndexOf(':');
        var bare = tag >= 0 ? name[..tag] : name;
        return model.Details.Family == "qwen3" || bare[(bare.LastIndexOf('/') + 1)..] == "deepseek-r1";
    }

    private static ValueTask<PromptResult> BuildAsync(PromptTemplate template, PromptInput input, ThinkValue? think,
        PromptBudget budget, CancellationToken cancellationToken) =>
        PromptBuilder.BuildAsync(template, ThinkOptionOf(think).ApplyTo(input), budget, cancellationToken);

    // Ollama's template values: a level is passed through, true means "medium", any set value sets IsThinkSet.
    private static ThinkOption ThinkOptionOf(ThinkValue? think) => think switch
    {
        null => ThinkOption.Unset,
        { Enabled: true } value => new ThinkOption(true, value.Level ?? "medium", true),
        _ => new ThinkOption(false, "", true),
    };

    private async Task<(RenderedPrompt? Prompt, ApiError? Error)> RenderAsync(string? templateText, int errorStatus,
        Func<PromptTemplate, Task<RenderedPrompt>> render)
    {
        try
        {
            return (await render(templates.Get(templateText)), null);
        }
        catch (TemplateException e)
        {
            return (null, new ApiError(errorStatus, e.Message));
        }
    }
}
