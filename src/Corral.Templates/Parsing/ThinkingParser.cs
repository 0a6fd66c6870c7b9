namespace Corral.Templates.Parsing;

/// <summary>
/// Splits streamed output into thinking and content like Ollama's thinking/parser.go: leading white space is
/// skipped; output that starts with the opening tag is thinking until the closing tag; white space right after
/// either tag is dropped; output that does not start with the tag is all content, untouched. Partial tags at a
/// chunk end are held back until the next chunk decides them.
/// </summary>
public sealed class ThinkingParser
{
    private readonly string _open;
    private readonly string _close;
    private string _buffer = "";
    private State _state = State.LookingForOpening;

    /// <param name="startsInThinking">The rendered prompt already ends with the opening tag (Ollama pre-feeds it).</param>
    public ThinkingParser(string open, string close, bool startsInThinking = false)
    {
        _open = open;
        _close = close;
        if (startsInThinking)
        {
            _state = State.EatingWhitespaceAfterOpening;
        }
    }

    private enum State
    {
        LookingForOpening,
        EatingWhitespaceAfterOpening,
        Thinking,
        EatingWhitespaceAfterClosing,
        Content,
    }

    public ParsedChunk Add(string chunk)
    {
        _buffer += chunk;
        var thinking = "";
        var content = "";
        while (true)
        {
            switch (_state)
            {
                case State.LookingForOpening:
                    var trimmed = _buffer.TrimStart();
                    if (trimmed.StartsWith(_open, StringComparison.Ordinal))
                    {
                        _buffer = trimmed[_open.Length..];
                        _state = State.EatingWhitespaceAfterOpening;
                        continue;
                    }

                    if (_open.StartsWith(trimmed, StringComparison.Ordinal))
                    {
                        return Result();
                    }

                    _state = State.Content;
                    continue;
                case State.EatingWhitespaceAfterOpening:
                    _buffer = _buffer.TrimStart();
                    if (_buffer.Length == 0)
                    {
                        return Result();
                    }

                    _state = State.Thinking;
                    continue;
                case State.Thinking:
                    var close = _buffer.IndexOf(_close, StringComparison.Ordinal);
                    if (close >= 0)
                    {
                        thinking += _buffer[..close];
                        _buffer = _buffer[(close + _close.Length)..];
                        _state = State.EatingWhitespaceAfterClosing;
                        continue;
                    }

                    var hold = TagMatch.PartialSuffix(_buffer, _close);
                    thinking += _buffer[..^hold];
                    _buffer = _buffer[^hold..];
                    return Result();
                case State.EatingWhitespaceAfterClosing:
                    _buffer = _buffer.TrimStart();
                    if (_buffer.Length == 0)
                    {
                        return Result();
                    }

                    _state = State.Content;
                    continue;
                default:
                    content += _buffer;
                    _buffer = "";
                    return Result();
            }
        }

        ParsedChunk Result() => thinking.Length == 0 && content.Length == 0 ? ParsedChunk.Empty : new ParsedChunk(content, thinking, []);
    }

    /// <summary>End of stream: whatever is still held back is released where it belongs.</summary>
    public ParsedChunk Flush()
    {
        var rest = _buffer;
        _buffer = "";
        return rest.Length == 0 ? ParsedChunk.Empty : _state switch
        {
            State.Thinking => new ParsedChunk("", rest, []),
            State.EatingWhitespaceAfterOpening or State.EatingWhitespaceAfterClosing => ParsedChunk.Empty,
            _ => new ParsedChunk(rest, "", []),
        };
    }
}
