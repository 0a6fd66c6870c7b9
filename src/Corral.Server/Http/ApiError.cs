namespace Corral.Server.Http;

/// <summary>An expected failure as a value: the HTTP status and the exact Ollama message of the error body.</summary>
public sealed record ApiError(int Status, string Message);
