using System.Text.Json;

namespace Corral.Contracts.Json;

/// <summary>
/// A value rejected by one of our converters with Ollama's own message (e.g. an invalid <c>think</c> value);
/// the server returns the message verbatim instead of a generic decoder message.
/// </summary>
public sealed class WireValueException(string message) : JsonException(message);
