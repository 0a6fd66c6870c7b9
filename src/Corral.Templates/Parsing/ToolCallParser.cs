using System.Text.Json;

namespace Corral.Templates.Parsing;

/// <summary>
/// Incremental tool-call parser (Ollama's generic tools parser). Content before the template's tool-call tag
/// passes through; after the tag, JSON objects (or XML-ish <c>&lt;function=..&gt;</c> calls) become tool calls
/// with sequential indexes. With a JSON tag (<c>{</c> or <c>[</c>, used when the template has none) a call is
/// only recognised when the output starts with it, and parsing stops once the value closes. Whatever cannot be
/// parsed is given back as content, never an error.
/// </summary>
public sealed class ToolCallParser
{
    private readonly string _tag;
    private readonly IReadOnlySet<string> _toolNames;
    private readonly Func<string> _newId;
    private readonly bool _jsonTag;
    private string _buffer = "";
    private string _consumed = "";
    private int _index;
    private State _state = State.LookingForTag;

    /// <param name="tag">The template's tool-call tag (<see cref="PromptTemplate.ToolCallTag"/>); "" means raw JSON (<c>{</c>).</param>
    /// <param name="toolNames">Names of the request's tools; calls to other names are not calls. Empty accepts any name.</param>
    /// <param name="newId">Call IDs; defaults to Ollama's <c>call_</c> + 8 lowercase letters and digits.</param>
    public ToolCallParser(string tag, IEnumerable<string> toolNames, Func<string>? newId = null)
    {
        _tag = tag.Length == 0 ? "{" : tag;
        _jsonTag = _tag is "{" or "[";
        _toolNames = toolNames.ToHashSet(StringComparer.Ordinal);
        _newId = newId ?? NewCallId;
    }

    private enum State
    {
        LookingForTag,
        Parsing,
        Content,
    }

    public ParsedChunk Add(string chunk)
    {
        _buffer += chunk;
        var content = "";
        var calls = new List<ToolCall>();
        while (true)
        {
            switch (_state)
            {
                case State.Content:
                    content += _buffer;
                    _buffer = "";
                    return Result();
                case State.LookingForTag when _jsonTag:
                    var trimmed = _buffer.TrimStart();
                    if (trimmed.Length == 0)
                    {
                        return Result();
                    }

                    if (trimmed.StartsWith(_tag, StringComparison.Ordinal))
                    {
                        _consumed = _buffer[..^trimmed.Length];
                        _buffer = trimmed;
                        _state = State.Parsing;
                        continue;
                    }

                    _state = State.Content;
                    continue;
                case State.LookingForTag:
                    var tagAt = _buffer.IndexOf(_tag, StringComparison.Ordinal);
                    if (tagAt < 0)
                    {
                        var hold = TagMatch.PartialSuffix(_buffer, _tag);
                        content += _buffer[..^hold];
                        _buffer = _buffer[^hold..];
                        return Result();
                    }

                    content += _buffer[..tagAt];
                    _consumed = _tag;
                    _buffer = _buffer[(tagAt + _tag.Length)..];
                    _state = State.Parsing;
                    continue;
                default:
                    if (!ParseNext(calls, ref content))
                    {
                        return Result();
                    }

                    continue;
            }
        }

        ParsedChunk Result() => content.Length == 0 && calls.Count == 0 ? ParsedChunk.Empty : new ParsedChunk(content, "", calls);
    }

    /// <summary>End of stream: text that never became a call is content again (when no call was found at all).</summary>
    public ParsedChunk Flush()
    {
        var rest = _state switch
        {
            State.Parsing when _index == 0 => _consumed + _buffer,
            State.Parsing => "",
            _ => _buffer,
        };
        _buffer = "";
        _consumed = "";
        return rest.Length == 0 ? ParsedChunk.Empty : new ParsedChunk(rest, "", []);
    }

    /// <summary>Consumes one call (or the separator before it) from the buffer; false when more input is needed.</summary>
    private bool ParseNext(List<ToolCall> calls, ref string content)
    {
        var start = NextStart();
        if (start < 0)
        {
            return false;
        }

        if (_buffer.AsSpan(start).StartsWith(XmlFunctionCall.Start))
        {
            var length = XmlFunctionCall.TryParse(_buffer[start..], out var name, out var arguments);
            if (length < 0)
            {
                return false;
            }

            Consume(start + length);
            calls.Add(NewCall(name, arguments));
            return true;
        }

        var end = JsonObjectScanner.End(_buffer, start);
        if (end < 0)
        {
            return false;
        }

        var found = Parse(_buffer[start..end], _buffer[..start]);
        if (found.Count == 0)
        {
            // Balanced but not a call: with a JSON tag the whole output is ordinary content (e.g. a JSON answer).
            if (_jsonTag && _index == 0)
            {
                content += _consumed + _buffer;
                _buffer = "";
                _state = State.Content;
                return true;
            }

            Consume(end);
            return true;
        }

        Consume(end);
        calls.AddRange(found.Select(c => NewCall(c.Name, c.Arguments)));
        if (_jsonTag)
        {
            // A raw JSON call ends when its braces balance; what follows is ordinary content.
            _state = State.Content;
        }

        return true;
    }

    /// <summary>Where the next call starts: the first '{' (or '[' for an array tag), or an XML-ish function call.</summary>
    private int NextStart()
    {
        var json = _buffer.IndexOfAny(_tag == "[" ? ['[', '{'] : ['{']);
        var xml = _buffer.IndexOf(XmlFunctionCall.Start, StringComparison.Ordinal);
        return xml >= 0 && (json < 0 || xml < json) ? xml : json;
    }

    /// <summary>
    /// Calls in one JSON value; a bare arguments object counts when a known tool name comes right before it
    /// (<c>get_weather {"city":..}</c>, <c>[TOOL_CALLS]get_weather[ARGS]{..}</c>), as Ollama searches names first.
    /// </summary>
    private List<(string Name, JsonElement Arguments)> Parse(string json, string before)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var calls = ToolCallExtractor.Extract(document.RootElement, _toolNames);
            var name = _toolNames.Where(n => before.Contains(n, StringComparison.Ordinal)).MaxBy(n => n.Length);
            if (calls.Count == 0 && name is not null && document.RootElement.ValueKind == JsonValueKind.Object)
            {
                calls.Add((name, document.RootElement.Clone()));
            }

            return calls;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private void Consume(int end)
    {
        _consumed += _buffer[..end];
        _buffer = _buffer[end..];
    }

    private ToolCall NewCall(string name, JsonElement arguments) => new(name, arguments) { Id = _newId(), Index = _index++ };

    private static string NewCallId()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return "call_" + string.Create(8, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
