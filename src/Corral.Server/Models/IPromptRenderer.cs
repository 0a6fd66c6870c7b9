using Corral.Contracts.Ollama;
using Corral.Server.Http;

namespace Corral.Server.Models;

/// <summary>Renders prompts with a model's Go template (Corral.Templates implements it).</summary>
public interface IPromptRenderer
{
    /// <summary>
    /// <paramref name="think"/> is what the template sees as <c>.Think</c>/<c>.ThinkLevel</c>/<c>.IsThinkSet</c>:
    /// the request's value, or <c>true</c> when the request left it unset for a thinking model, else null.
    /// Renders <c>/api/generate</c> input: <paramref name="request"/>'s prompt, suffix, system and template
    /// override, with the model's defaults. A template error is a 500 <see cref="ApiError"/>.
    /// </summary>
    (string? Prompt, ApiError? Error) RenderGenerate(CatalogModel model, GenerateRequest request, ThinkValue? think);

    /// <summary>Renders a chat (the model's MESSAGE history and SYSTEM already merged into <paramref name="messages"/>).</summary>
    (string? Prompt, ApiError? Error) RenderChat(CatalogModel model, IReadOnlyList<Message> messages, IReadOnlyList<Tool>? tools, ThinkValue? think);
}
