namespace Corral.Cli.Interactive.LineEditing;

/// <summary>What a key did to the line being edited, and so what the terminal has to do next.</summary>
public enum LineEdit
{
    /// <summary>The text or cursor may have changed: redraw.</summary>
    Changed,

    /// <summary>Enter: the line is complete.</summary>
    Submit,

    /// <summary>Ctrl+C: abandon the line.</summary>
    Interrupt,

    /// <summary>Ctrl+D on an empty line: leave the session.</summary>
    EndOfInput,

    /// <summary>Ctrl+L: clear the screen, then redraw.</summary>
    ClearScreen,
}
