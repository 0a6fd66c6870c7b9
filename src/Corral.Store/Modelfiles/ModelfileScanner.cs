using System.Text;

namespace Corral.Store.Modelfiles;

/// <summary>Character cursor over Modelfile text that tracks 1-based line and column for error positions.</summary>
internal sealed class ModelfileScanner(string text)
{
    private int _index;

    public int Line { get; private set; } = 1;

    public int Column { get; private set; } = 1;

    public bool AtEnd => _index >= text.Length;

    public char Peek => text[_index];

    public bool StartsWith(string s) => string.CompareOrdinal(text, _index, s, 0, s.Length) == 0;

    public void SkipWhitespace()
    {
        while (!AtEnd && char.IsWhiteSpace(Peek))
        {
            Advance();
        }
    }

    public void SkipSpaces()
    {
        while (!AtEnd && Peek != '\n' && char.IsWhiteSpace(Peek))
        {
            Advance();
        }
    }

    public void SkipLine() => ReadLine();

    public string ReadWord()
    {
        var start = _index;
        while (!AtEnd && !char.IsWhiteSpace(Peek))
        {
            Advance();
        }

        return text[start.._index];
    }

    /// <summary>Reads to the end of the line and consumes the newline; "\r\n" endings lose the "\r".</summary>
    public string ReadLine()
    {
        var start = _index;
        while (!AtEnd && Peek != '\n')
        {
            Advance();
        }

        var line = text[start.._index].TrimEnd('\r');
        if (!AtEnd)
        {
            Advance();
        }

        return line;
    }

    /// <summary>Reads a value between <paramref name="quote"/> delimiters; unterminated is Ollama's
    /// <c>unexpected EOF</c> at the opening quote.</summary>
    public string ReadQuoted(string quote, int line, int column)
    {
        var close = text.IndexOf(quote, _index + quote.Length, StringComparison.Ordinal);
        if (close < 0)
        {
            throw new ModelfileParseException("unexpected EOF", line, column);
        }

        var value = new StringBuilder();
        for (var i = 0; i < quote.Length; i++)
        {
            Advance();
        }

        while (_index < close)
        {
            value.Append(Peek);
            Advance();
        }

        for (var i = 0; i < quote.Length; i++)
        {
            Advance();
        }

        return value.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private void Advance()
    {
        if (text[_index] == '\n')
        {
            Line++;
            Column = 1;
        }
        else
        {
            Column++;
        }

        _index++;
    }
}
