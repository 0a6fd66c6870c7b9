namespace Corral.Cli.Interactive.LineEditing;

/// <summary>Shows a prompt and reads the line typed after it.</summary>
public interface ILineReader
{
    Task<ReplLine> ReadLineAsync(string prompt, CancellationToken ct);
}
