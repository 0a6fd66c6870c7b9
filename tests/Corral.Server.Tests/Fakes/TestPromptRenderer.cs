using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Server.Models;

namespace Corral.Server.Tests.Fakes;

/// <summary>A transparent renderer so tests can see exactly what the server handed to the template.</summary>
public sealed class TestPromptRenderer : IPromptRenderer
{
    public (string? Prompt, ApiError? Error) RenderGenerate(CatalogModel model, GenerateRequest request, ThinkValue? think) =>
        request.Template == "{{ broken" ? (null, new ApiError(400, "template: :1: unclosed action"))
            : ($"[system:{request.System ?? model.System}][think:{think?.Enabled == true}]{request.Prompt}", null);

    public (string? Prompt, ApiError? Error) RenderChat(CatalogModel model, IReadOnlyList<Message> messages, IReadOnlyList<Tool>? tools, ThinkValue? think) =>
        (string.Join("", messages.Select(message => $"<{message.Role}>{message.Content}")) + $"[tools:{tools?.Count ?? 0}][think:{think?.Enabled == true}]", null);
}
