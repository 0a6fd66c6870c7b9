using System.Text;

namespace Corral.Cli.Interactive.LineEditing;

/// <summary>
/// The editing rules of the REPL's prompt (Ollama's readline keys), free of terminal I/O: keys change the text, the
/// cursor and the position in the history; <see cref="TerminalLineReader"/> draws the result.
/// </summary>
public sealed class LineEditor(IReadOnlyList<string> history)
{
    private readonly StringBuilder _text = new();

    /// <summary>Where Up/Down stand in the history; <c>history.Count</c> is the new line being typed.</summary>
    private int _historyAt = history.Count;

    /// <summary>The new line, kept while Up/Down show older ones so Down past the newest brings it back.</summary>
    private string _draft = "";

    public string Text => _text.ToString();

    public int Cursor { get; private set; }

    public LineEdit Apply(ConsoleKeyInfo key)
    {
        if (ControlLetter(key) is { } letter)
        {
            return ApplyControl(letter);
        }

        switch (key.Key)
        {
            case ConsoleKey.Enter:
                return LineEdit.Submit;
            case ConsoleKey.Backspace:
                if (Cursor > 0)
                {
                    _text.Remove(--Cursor, 1);
                }

                break;
            case ConsoleKey.Delete:
                DeleteUnderCursor();
                break;
            case ConsoleKey.LeftArrow:
                Cursor = Math.Max(0, Cursor - 1);
                break;
            case ConsoleKey.RightArrow:
                Cursor = Math.Min(_text.Length, Cursor + 1);
                break;
            case ConsoleKey.Home:
                Cursor = 0;
                break;
            case ConsoleKey.End:
                Cursor = _text.Length;
                break;
            case ConsoleKey.UpArrow:
                ShowHistory(_historyAt - 1);
                break;
            case ConsoleKey.DownArrow:
                ShowHistory(_historyAt + 1);
                break;
            default:
                if (!char.IsControl(key.KeyChar) && key.KeyChar != '\0')
                {
                    _text.Insert(Cursor++, key.KeyChar);
                }

                break;
        }

        return LineEdit.Changed;
    }

    private LineEdit ApplyControl(char letter)
    {
        switch (letter)
        {
            case 'A':
                Cursor = 0;
                break;
            case 'E':
                Cursor = _text.Length;
                break;
            case 'B':
                Cursor = Math.Max(0, Cursor - 1);
                break;
            case 'F':
                Cursor = Math.Min(_text.Length, Cursor + 1);
                break;
            case 'U':
                _text.Remove(0, Cursor);
                Cursor = 0;
                break;
            case 'K':
                _text.Length = Cursor;
                break;
            case 'W':
                KillWordBefore();
                break;
            case 'L':
                return LineEdit.ClearScreen;
            case 'C':
                return LineEdit.Interrupt;
            case 'D' when _text.Length == 0:
                return LineEdit.EndOfInput;
            case 'D':
                DeleteUnderCursor();
                break;
        }

        return LineEdit.Changed;
    }

    /// <summary>
    /// Ctrl+letter, whether the terminal layer reported it as a modified key or only as its control character
    /// (0x01 for Ctrl+A ...); Tab, Enter and Backspace share control characters and stay themselves.
    /// </summary>
    private static char? ControlLetter(ConsoleKeyInfo key)
    {
        if (key.Modifiers.HasFlag(ConsoleModifiers.Control) && key.Key is >= ConsoleKey.A and <= ConsoleKey.Z)
        {
            return (char)('A' + (key.Key - ConsoleKey.A));
        }

        var c = key.KeyChar;
        return c is >= '\x01' and <= '\x1a' && c is not ('\t' or '\n' or '\r' or '\b') && key.Key is not (ConsoleKey.Enter or ConsoleKey.Tab or ConsoleKey.Backspace)
            ? (char)('A' + c - 1)
            : null;
    }

    private void DeleteUnderCursor()
    {
        if (Cursor < _text.Length)
        {
            _text.Remove(Cursor, 1);
        }
    }

    /// <summary>Ctrl+W: the spaces before the cursor, then the word before them (Ollama's DeleteWord).</summary>
    private void KillWordBefore()
    {
        var start = Cursor;
        while (start > 0 && _text[start - 1] == ' ')
        {
            start--;
        }

        while (start > 0 && _text[start - 1] != ' ')
        {
            start--;
        }

        _text.Remove(start, Cursor - start);
        Cursor = start;
    }

    private void ShowHistory(int at)
    {
        if (at < 0 || at > history.Count)
        {
            return;
        }

        if (_historyAt == history.Count)
        {
            _draft = Text;
        }

        _historyAt = at;
        _text.Clear().Append(at == history.Count ? _draft : history[at]);
        Cursor = _text.Length;
    }
}
