using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary><c>input</c> of <c>/api/embed</c>: one string or an array of strings (Go <c>any</c>).</summary>
[JsonConverter(typeof(EmbedInputJsonConverter))]
public sealed record EmbedInput
{
    public EmbedInput(IReadOnlyList<string> texts, bool isArray)
    {
        Texts = texts;
        IsArray = isArray;
    }

    /// <summary>The inputs; an empty string input means zero inputs, as in Ollama.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Whether the input was sent as an array (serialized back the same way).</summary>
    public bool IsArray { get; }

    public static implicit operator EmbedInput(string text) => new([text], false);

    public static implicit operator EmbedInput(string[] texts) => new(texts, true);
}
