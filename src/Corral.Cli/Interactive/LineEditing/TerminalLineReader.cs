using System.Text;

namespace Corral.Cli.Interactive.LineEditing;

/// <summary>
/// The prompt on a terminal: keys read raw (<see cref="Console.ReadKey(bool)"/>, which also decodes arrow and
/// Home/End escape sequences), applied by a <see cref="LineEditor"/> and redrawn, wrapping over several rows when the
/// line is wider than the terminal.
/// </summary>
public sealed class TerminalLineReader(TextWriter output, IReadOnlyList<string> history) : ILineReader
{
    /// <summary>Rows between the prompt's first row and the terminal cursor, for going back up before a redraw.</summary>
    private int _cursorRow;

    public Task<ReplLine> ReadLineAsync(string prompt, CancellationToken ct)
    {
        var editor = new LineEditor(history);
        using var raw = RawTerminal.Enter();
        // Ctrl+C arrives as a key while a line is edited; outside of it (while an answer streams) it stays a signal.
        Console.TreatControlCAsInput = true;
        _cursorRow = 0;
        Draw(prompt, editor);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                switch (editor.Apply(Console.ReadKey(intercept: true)))
                {
                    case LineEdit.Submit:
                        Finish(prompt, editor, "\n");
                        return Task.FromResult(new ReplLine(editor.Text));
                    case LineEdit.Interrupt:
                        Finish(prompt, editor, "\nUse Ctrl + d or /bye to exit.\n");
                        return Task.FromResult(ReplLine.Interrupt);
                    case LineEdit.EndOfInput:
                        return Task.FromResult(ReplLine.EndOfInput);
                    case LineEdit.ClearScreen:
                        output.Write("\x1b[H\x1b[2J");
                        _cursorRow = 0;
                        Draw(prompt, editor);
                        break;
                    default:
                        Draw(prompt, editor);
                        break;
                }
            }

            return Task.FromResult(ReplLine.EndOfInput);
        }
        finally
        {
            Console.TreatControlCAsInput = false;
        }
    }

    /// <summary>Leaves the terminal cursor after the whole line, so what follows starts below it.</summary>
    private void Finish(string prompt, LineEditor editor, string text)
    {
        Draw(prompt, editor, editor.Text.Length);
        output.Write(text);
        output.Flush();
    }

    private void Draw(string prompt, LineEditor editor) => Draw(prompt, editor, editor.Cursor);

    /// <summary>
    /// Rewrites prompt and text from the prompt's first row, erases what is left of a longer earlier line, then moves
    /// the cursor to <paramref name="cursor"/>. Erasing after writing rather than before matters: tmux moves the
    /// screen into its scrollback when asked to erase it from the top-left corner.
    /// </summary>
    private void Draw(string prompt, LineEditor editor, int cursor)
    {
        var width = CliContext.TerminalWidth();
        var screen = new StringBuilder();
        if (_cursorRow > 0)
        {
            screen.Append($"\x1b[{_cursorRow}A");
        }

        screen.Append('\r').Append(prompt).Append(editor.Text);
        var end = prompt.Length + editor.Text.Length;
        if (end % width == 0)
        {
            // A full last row leaves the terminal waiting to wrap; start the next row so positions below hold.
            screen.Append("\r\n");
        }

        screen.Append("\x1b[J");
        var at = prompt.Length + cursor;
        var up = end / width - at / width;
        if (up > 0)
        {
            screen.Append($"\x1b[{up}A");
        }

        screen.Append('\r');
        if (at % width > 0)
        {
            screen.Append($"\x1b[{at % width}C");
        }

        _cursorRow = at / width;
        output.Write(screen.ToString());
        output.Flush();
    }
}
