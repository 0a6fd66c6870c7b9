namespace Corral.Cli.Progress;

/// <summary>One line of a progress display: a bar or a spinner.</summary>
public interface IProgressState
{
    /// <summary>The line as drawn on a terminal <paramref name="width"/> columns wide.</summary>
    string Render(int width, DateTimeOffset now);

    /// <summary>The line written once when output is not a terminal, or null while there is nothing final to say.</summary>
    string? PlainLine { get; }

    void Stop(DateTimeOffset now);
}
