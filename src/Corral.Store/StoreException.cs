namespace Corral.Store;

/// <summary>
/// An expected store failure carrying the HTTP status and the exact Ollama error string,
/// so the server maps it 1:1 to <c>{"error": Message}</c> with <see cref="Status"/>.
/// </summary>
public sealed class StoreException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static StoreException BadRequest(string message) => new(400, message);

    public static StoreException NotFound(string message) => new(404, message);
}
