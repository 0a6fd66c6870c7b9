namespace Corral.Cli.Interactive.LineEditing;

/// <summary>Lines from a stream that is not a terminal: no keys to interpret, so no editing or history recall.</summary>
public sealed class PlainLineReader(TextReader input, TextWriter output) : ILineReader
{
    public async Task<ReplLine> ReadLineAsync(string prompt, CancellationToken ct)
    {
        await output.WriteAsync(prompt).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
        return new ReplLine(await input.ReadLineAsync(ct).ConfigureAwait(false));
    }
}
