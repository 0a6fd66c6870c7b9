namespace Corral.Store.Registry;

/// <summary>A registry failure with Ollama's message text and a kind for status mapping.</summary>
public sealed class RegistryException(RegistryErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public RegistryErrorKind Kind { get; } = kind;
}
