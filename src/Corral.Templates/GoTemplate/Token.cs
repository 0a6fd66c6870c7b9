namespace Corral.Templates.GoTemplate;

/// <summary>One lexical item; <see cref="SpaceBefore"/> separates arguments the way Go's itemSpace does.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, bool SpaceBefore);
