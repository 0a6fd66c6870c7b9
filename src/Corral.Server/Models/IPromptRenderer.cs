using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Templates;

namespace Corral.Server.Models;

/// <summary>Renders prompts with a model's Go template (Corral.Templates implements it).</summary>
public interface IPromptRenderer
{
    /// <summary>
    /// <paramref name="think"/> is what the template sees as <c>.Think</c>/<c>.ThinkLevel</c>/<c>.IsThinkSet</c>:
    /// the request's value, or <c>true</c> when the request left it unset for a thinking model, else null.
    /// Renders <c>/api/generate</c> input: <paramref name="request"/>'s prompt, suffix, system and template
    /// override, with the model's defaults, keeping what fits <paramref name="budget"/>. A template error is a 500
    /// <see cref="ApiError"/>.
    /// </summary>
    Task<(RenderedPrompt? Prompt, ApiError? Error)> RenderGenerateAsync(CatalogModel model, GenerateRequest request,
        ThinkValue? think, PromptBudget budget, CancellationToken cancellationToken);

    /// <summary>
    /// Renders a chat (the model's MESSAGE history and SYSTEM already merged into <paramref name="messages"/>),
    /// dropping the oldest non-system messages that do not fit <paramref name="budget"/>.
    /// </summary>
    Task<(RenderedPrompt? Prompt, ApiError? Error)> RenderChatAsync(CatalogModel model, IReadOnlyList<Message> messages,
        IReadOnlyList<Tool>? tools, ThinkValue? think, PromptBudget budget, CancellationToken cancellationToken);
}
