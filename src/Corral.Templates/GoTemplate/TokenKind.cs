namespace Corral.Templates.GoTemplate;

/// <summary>Lexical items of Go's text/template (text/template/parse/lex.go).</summary>
internal enum TokenKind
{
    Text,
    LeftDelim,
    RightDelim,
    Field,
    Variable,
    Dot,
    Identifier,
    Keyword,
    Bool,
    Nil,
    Number,
    Char,
    String,
    Pipe,
    LeftParen,
    RightParen,
    Comma,
    Declare,
    Assign,
    Eof,
}
