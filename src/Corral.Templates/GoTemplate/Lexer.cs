using System.Text;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// Splits a template into tokens like Go's text/template/parse/lex.go: text, actions between <c>{{ }}</c>,
/// trim markers (<c>{{- </c> and <c> -}}</c> eat adjacent white space) and comments (<c>{{/* */}}</c>).
/// </summary>
internal sealed class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";
    private static readonly HashSet<string> s_keywords =
        ["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"];

    private readonly string _name;
    private readonly string _input;
    private readonly List<Token> _tokens = [];
    private int _pos;

    private Lexer(string name, string input)
    {
        _name = name;
        _input = input;
    }

    public static List<Token> Tokenize(string name, string input)
    {
        var lexer = new Lexer(name, input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        var trimNextText = false;
        while (_pos <= _input.Length)
        {
            var start = _pos;
            var open = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
            var end = open < 0 ? _input.Length : open;
            var text = _input[start..end];
            var trimLeft = open >= 0 && HasLeftTrimMarker(open);
            if (trimNextText)
            {
                text = text.TrimStart(' ', '\t', '\r', '\n');
            }

            if (trimLeft)
            {
                text = text.TrimEnd(' ', '\t', '\r', '\n');
            }

            if (text.Length > 0)
            {
                _tokens.Add(new Token(TokenKind.Text, text, start, false));
            }

            if (open < 0)
            {
                break;
            }

            _pos = open + LeftDelim.Length + (trimLeft ? 2 : 0);
            trimNextText = LexAction(open);
        }

        _tokens.Add(new Token(TokenKind.Eof, "", _input.Length, false));
    }

    private bool HasLeftTrimMarker(int open)
    {
        var i = open + LeftDelim.Length;
        return i + 1 < _input.Length && _input[i] == '-' && IsSpace(_input[i + 1]);
    }

    /// <summary>Lexes one action starting after its left delimiter; returns whether it ended with a right trim marker.</summary>
    private bool LexAction(int open)
    {
        if (_input.AsSpan(_pos).StartsWith("/*"))
        {
            return LexComment(_pos);
        }

        _tokens.Add(new Token(TokenKind.LeftDelim, LeftDelim, open, false));
        var parenDepth = 0;
        while (true)
        {
            var spaceBefore = false;
            while (_pos < _input.Length && IsSpace(_input[_pos]))
            {
                if (IsRightTrim(_pos))
                {
                    _tokens.Add(new Token(TokenKind.RightDelim, RightDelim, _pos, true));
                    _pos += 1 + 1 + RightDelim.Length;
                    return true;
                }

                _pos++;
                spaceBefore = true;
            }

            if (_pos >= _input.Length)
            {
                throw Error(open, "unclosed action");
            }

            var c = _input[_pos];
            var start = _pos;
            if (_input.AsSpan(_pos).StartsWith(RightDelim))
            {
                if (parenDepth > 0)
                {
                    throw Error(start, "unclosed left paren");
                }

                _tokens.Add(new Token(TokenKind.RightDelim, RightDelim, _pos, spaceBefore));
                _pos += RightDelim.Length;
                return false;
            }

            switch (c)
            {
                case '|':
                    Emit(TokenKind.Pipe, 1, spaceBefore);
                    break;
                case '(':
                    parenDepth++;
                    Emit(TokenKind.LeftParen, 1, spaceBefore);
                    break;
                case ')':
                    if (--parenDepth < 0)
                    {
                        throw Error(start, "unexpected right paren");
                    }

                    Emit(TokenKind.RightParen, 1, spaceBefore);
                    break;
                case ',':
                    Emit(TokenKind.Comma, 1, spaceBefore);
                    break;
                case ':':
                    if (Peek(1) != '=')
                    {
                        throw Error(start, "expected :=");
                    }

                    Emit(TokenKind.Declare, 2, spaceBefore);
                    break;
                case '=':
                    Emit(TokenKind.Assign, 1, spaceBefore);
                    break;
                case '"':
                    LexQuote(spaceBefore);
                    break;
                case '`':
                    LexRawQuote(spaceBefore);
                    break;
                case '\'':
                    LexChar(spaceBefore);
                    break;
                case '$':
                    _pos++;
                    ScanAlphaNumeric();
                    _tokens.Add(new Token(TokenKind.Variable, _input[start.._pos], start, spaceBefore));
                    break;
                case '.' when char.IsAsciiDigit(Peek(1)):
                case '+' or '-' when char.IsAsciiDigit(Peek(1)) || Peek(1) == '.':
                case >= '0' and <= '9':
                    LexNumber(spaceBefore);
                    break;
                case '.':
                    _pos++;
                    if (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
                    {
                        ScanAlphaNumeric();
                        _tokens.Add(new Token(TokenKind.Field, _input[start.._pos], start, spaceBefore));
                    }
                    else
                    {
                        _tokens.Add(new Token(TokenKind.Dot, ".", start, spaceBefore));
                    }

                    break;
                default:
                    if (!IsAlphaNumeric(c))
                    {
                        throw Error(start, $"unrecognized character in action: {GoFormat.QuoteRune(c)}");
                    }

                    ScanAlphaNumeric();
                    var word = _input[start.._pos];
                    var kind = word switch
                    {
                        "true" or "false" => TokenKind.Bool,
                        "nil" => TokenKind.Nil,
                        _ when s_keywords.Contains(word) => TokenKind.Keyword,
                        _ => TokenKind.Identifier,
                    };
                    _tokens.Add(new Token(kind, word, start, spaceBefore));
                    break;
            }
        }
    }

    private bool IsRightTrim(int i) =>
        IsSpace(_input[i]) && i + 1 < _input.Length && _input[i + 1] == '-' &&
        _input.AsSpan(i + 2).StartsWith(RightDelim);

    private bool LexComment(int commentStart)
    {
        var close = _input.IndexOf("*/", commentStart + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error(commentStart, "unclosed comment");
        }

        _pos = close + 2;
        if (_input.AsSpan(_pos).StartsWith(RightDelim))
        {
            _pos += RightDelim.Length;
            return false;
        }

        if (_pos < _input.Length && IsRightTrim(_pos))
        {
            _pos += 2 + RightDelim.Length;
            return true;
        }

        throw Error(commentStart, "comment ends before closing delimiter");
    }

    private void LexQuote(bool spaceBefore)
    {
        var start = _pos++;
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _input.Length || _input[_pos] == '\n')
            {
                throw Error(start, "unterminated quoted string");
            }

            var c = _input[_pos++];
            if (c == '"')
            {
                break;
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            value.Append(ReadEscape(start, '"'));
        }

        _tokens.Add(new Token(TokenKind.String, value.ToString(), start, spaceBefore));
    }

    private string ReadEscape(int start, char quote)
    {
        if (_pos >= _input.Length)
        {
            throw Error(start, "unterminated quoted string");
        }

        var e = _input[_pos++];
        switch (e)
        {
            case 'n': return "\n";
            case 't': return "\t";
            case 'r': return "\r";
            case 'a': return "\a";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'v': return "\v";
            case '\\': return "\\";
            case 'x': return ((char)ReadHex(start, 2)).ToString();
            case 'u': return Rune(start, ReadHex(start, 4));
            case 'U': return Rune(start, ReadHex(start, 8));
            case >= '0' and <= '7':
                _pos--;
                var octal = 0;
                for (var i = 0; i < 3; i++)
                {
                    if (_pos >= _input.Length || _input[_pos] is < '0' or > '7')
                    {
                        throw Error(start, "invalid syntax");
                    }

                    octal = (octal * 8) + (_input[_pos++] - '0');
                }

                return ((char)octal).ToString();
            default:
                if (e == quote)
                {
                    return quote.ToString();
                }

                throw Error(start, "invalid syntax");
        }
    }

    private string Rune(int start, int value) =>
        System.Text.Rune.IsValid(value) ? char.ConvertFromUtf32(value) : throw Error(start, "invalid syntax");

    private int ReadHex(int start, int digits)
    {
        if (_pos + digits > _input.Length ||
            !int.TryParse(_input.AsSpan(_pos, digits), System.Globalization.NumberStyles.HexNumber, null, out var value))
        {
            throw Error(start, "invalid syntax");
        }

        _pos += digits;
        return value;
    }

    private void LexRawQuote(bool spaceBefore)
    {
        var start = _pos;
        var close = _input.IndexOf('`', start + 1);
        if (close < 0)
        {
            throw Error(start, "unterminated raw quoted string");
        }

        _pos = close + 1;
        _tokens.Add(new Token(TokenKind.String, _input[(start + 1)..close].Replace("\r", ""), start, spaceBefore));
    }

    private void LexChar(bool spaceBefore)
    {
        var start = _pos++;
        int rune;
        if (_pos < _input.Length && _input[_pos] == '\\')
        {
            _pos++;
            rune = char.ConvertToUtf32(ReadEscape(start, '\''), 0);
        }
        else if (_pos < _input.Length && _input[_pos] != '\'')
        {
            rune = char.ConvertToUtf32(_input, _pos);
            _pos += char.IsSurrogatePair(_input, _pos) ? 2 : 1;
        }
        else
        {
            throw Error(start, "malformed character constant");
        }

        if (_pos >= _input.Length || _input[_pos] != '\'')
        {
            throw Error(start, "unterminated character constant");
        }

        _pos++;
        _tokens.Add(new Token(TokenKind.Char, rune.ToString(System.Globalization.CultureInfo.InvariantCulture), start, spaceBefore));
    }

    private void LexNumber(bool spaceBefore)
    {
        var start = _pos;
        if (_input[_pos] is '+' or '-')
        {
            _pos++;
        }

        // Permissive scan like Go's lexer; NumberLiteral validates the syntax afterwards.
        while (_pos < _input.Length)
        {
            var c = _input[_pos];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.' || (c is '+' or '-' && IsExponentSign(start)))
            {
                _pos++;
                continue;
            }

            break;
        }

        var text = _input[start.._pos];
        if (NumberLiteral.Parse(text) is null)
        {
            throw Error(start, $"bad number syntax: \"{text}\"");
        }

        _tokens.Add(new Token(TokenKind.Number, text, start, spaceBefore));
    }

    private bool IsExponentSign(int start)
    {
        var previous = _input[_pos - 1];
        var isHex = _input.AsSpan(start).TrimStart("+-").StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        return previous is 'p' or 'P' || (!isHex && previous is 'e' or 'E');
    }

    private void Emit(TokenKind kind, int length, bool spaceBefore)
    {
        _tokens.Add(new Token(kind, _input.Substring(_pos, length), _pos, spaceBefore));
        _pos += length;
    }

    private void ScanAlphaNumeric()
    {
        while (_pos < _input.Length && IsAlphaNumeric(_input[_pos]))
        {
            _pos++;
        }
    }

    private char Peek(int offset) => _pos + offset < _input.Length ? _input[_pos + offset] : '\0';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsAlphaNumeric(char c) => c == '_' || char.IsLetterOrDigit(c);

    private TemplateException Error(int position, string message) =>
        new($"template: {SourcePosition.Describe(_name, _input, position)}: {message}");
}
