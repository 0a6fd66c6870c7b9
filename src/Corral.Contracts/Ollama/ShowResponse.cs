using System.Text.Json;

namespace Corral.Contracts.Ollama;

/// <summary>Response of <c>POST /api/show</c> (Go <c>api.ShowResponse</c>).</summary>
public sealed record ShowResponse
{
    public string? License { get; init; }

    public string? Modelfile { get; init; }

    public string? Parameters { get; init; }

    public string? Template { get; init; }

    public string? System { get; init; }

    public string? Renderer { get; init; }

    public string? Parser { get; init; }

    public ModelDetails? Details { get; init; }

    public IReadOnlyList<Message>? Messages { get; init; }

    public string? RemoteModel { get; init; }

    public string? RemoteHost { get; init; }

    /// <summary>GGUF metadata without <c>general.name</c> and <c>tokenizer.chat_template</c>.</summary>
    public Dictionary<string, JsonElement>? ModelInfo { get; init; }

    public Dictionary<string, JsonElement>? ProjectorInfo { get; init; }

    public IReadOnlyList<Tensor>? Tensors { get; init; }

    public IReadOnlyList<string>? Capabilities { get; init; }

    public DateTimeOffset? ModifiedAt { get; init; }

    public string? Requires { get; init; }
}
