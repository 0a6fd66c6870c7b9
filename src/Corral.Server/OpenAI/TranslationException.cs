namespace Corral.Server.OpenAI;

/// <summary>A request the compatibility layer cannot translate into a native one: answered as a 400 in the API's own error shape.</summary>
internal sealed class TranslationException(string message) : Exception(message);
