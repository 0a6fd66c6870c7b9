using System.Text;

namespace Corral.Cli.Generation;

/// <summary>
/// Wraps streamed text at word boundaries on a terminal, as Ollama's <c>displayResponse</c> does: when a line
/// nears the width, the partial word already printed is erased (cursor back, clear to end of line) and
/// reprinted on the next line; words longer than the line are left to break where they fall.
/// </summary>
public sealed class WordWrapper(int width)
{
    private readonly StringBuilder _word = new();
    private int _lineLength;

    public string Wrap(string content)
    {
        var output = new StringBuilder();
        foreach (var ch in content)
        {
            if (_lineLength + 1 > width - 5)
            {
                if (_word.Length > width - 10)
                {
                    output.Append(_word).Append(ch);
                    _word.Clear();
                    _lineLength = 0;
                    continue;
                }

                if (_word.Length > 0)
                {
                    output.Append("\x1b[").Append(_word.Length).Append('D');
                }

                output.Append("\x1b[K\n").Append(_word);
                _lineLength = _word.Length;
            }

            output.Append(ch);
            Track(ch);
        }

        return output.ToString();
    }

    private void Track(char ch)
    {
        _lineLength++;
        switch (ch)
        {
            case ' ' or '\t':
                _word.Clear();
                break;
            case '\n' or '\r':
                _lineLength = 0;
                _word.Clear();
                break;
            default:
                _word.Append(ch);
                break;
        }
    }
}
