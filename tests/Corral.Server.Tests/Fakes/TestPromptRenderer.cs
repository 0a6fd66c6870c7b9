using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Server.Models;
using Corral.Templates;

namespace Corral.Server.Tests.Fakes;

/// <summary>A transparent renderer so tests can see exactly what the server handed to the template.</summary>
public sealed class TestPromptRenderer : IPromptRenderer
{
    public Task<(RenderedPrompt? Prompt, ApiError? Error)> RenderGenerateAsync(CatalogModel model, GenerateRequest request,
        ThinkValue? think, PromptBudget budget, CancellationToken cancellationToken) =>
        Task.FromResult<(RenderedPrompt?, ApiError?)>(request.Template == "{{ broken"
            ? (null, new ApiError(400, "template: :1: unclosed action"))
            : (new RenderedPrompt($"[system:{request.System ?? model.System}][think:{think?.Enabled == true}]{request.Prompt}"), null));

    public Task<(RenderedPrompt? Prompt, ApiError? Error)> RenderChatAsync(CatalogModel model, IReadOnlyList<Message> messages,
        IReadOnlyList<Tool>? tools, ThinkValue? think, PromptBudget budget, CancellationToken cancellationToken) =>
        Task.FromResult<(RenderedPrompt?, ApiError?)>((new RenderedPrompt(
            string.Join("", messages.Select(message => $"<{message.Role}>{message.Content}")) +
            $"[tools:{tools?.Count ?? 0}][think:{think?.Enabled == true}]"), null));
}
