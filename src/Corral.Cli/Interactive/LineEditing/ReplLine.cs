namespace Corral.Cli.Interactive.LineEditing;

/// <summary>One read at the REPL's prompt: the entered text, the end of input (null text), or a Ctrl+C.</summary>
public readonly record struct ReplLine(string? Text, bool Interrupted = false)
{
    public static ReplLine EndOfInput => new(null);

    public static ReplLine Interrupt => new("", Interrupted: true);
}
