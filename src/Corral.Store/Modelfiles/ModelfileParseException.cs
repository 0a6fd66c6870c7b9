namespace Corral.Store.Modelfiles;

/// <summary>A Modelfile syntax error with the 1-based position where it was found.</summary>
public sealed class ModelfileParseException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
