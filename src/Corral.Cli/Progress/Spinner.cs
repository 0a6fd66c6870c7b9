namespace Corral.Cli.Progress;

/// <summary>Status text followed by a braille spinner frame (Ollama's <c>progress/spinner.go</c>), frame-less once stopped.</summary>
public sealed class Spinner(string message, DateTimeOffset started) : IProgressState
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private bool _stopped;

    /// <summary>Settable so a line can show its own progress (<c>copying file sha256:… 42%</c>).</summary>
    public string Message { get; set; } = message;

    public string? PlainLine => Message;

    public string Render(int width, DateTimeOffset now)
    {
        if (_stopped)
        {
            return Message;
        }

        var frame = Frames[(int)((now - started).TotalMilliseconds / 100) % Frames.Length];
        return Message.Length == 0 ? frame : Message + " " + frame;
    }

    public void Stop(DateTimeOffset now) => _stopped = true;
}
