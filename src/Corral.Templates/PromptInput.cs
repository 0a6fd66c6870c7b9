using System.Text.Json;

namespace Corral.Templates;

/// <summary>
/// Everything a template can see (Ollama template.Values). <see cref="Tools"/> is the request's <c>tools</c>
/// JSON array as sent. Think: <see cref="Think"/> is the truthiness, <see cref="ThinkLevel"/> "" or
/// low/medium/high/max (true maps to medium), <see cref="IsThinkSet"/> whether the request set it at all.
/// </summary>
public sealed record PromptInput
{
    public IReadOnlyList<ChatMessage> Messages { get; init; } = [];

    public JsonElement? Tools { get; init; }

    public string Prompt { get; init; } = "";

    public string Suffix { get; init; } = "";

    public bool Think { get; init; }

    public string ThinkLevel { get; init; } = "";

    public bool IsThinkSet { get; init; }
}
