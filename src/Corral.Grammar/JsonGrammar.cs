namespace Corral.Grammar;

/// <summary>
/// GBNF for <c>format: "json"</c>: any JSON object, whitespace allowed between tokens. Same language as Ollama's
/// <c>grammarJSON</c> (https://github.com/ollama/ollama/blob/main/llm/server.go): the root is an object, string
/// escapes include <c>\/</c>, and raw control characters are excluded from strings.
/// </summary>
public static class JsonGrammar
{
    public const string Json =
        """
        root ::= object
        value ::= object | array | string | number | ("true" | "false" | "null") ws
        object ::= "{" ws ( string ":" ws value ( "," ws string ":" ws value )* )? ws "}"
        array ::= "[" ws ( value ( "," ws value )* )? ws "]"
        string ::= "\"" ( [^"\\\x7F\x00-\x1F] | "\\" ( ["\\/bfnrt] | "u" [0-9a-fA-F]{4} ) )* "\"" ws
        number ::= "-"? ( [0-9] | [1-9] [0-9]* ) ( "." [0-9]+ )? ( [eE] [-+]? [0-9]+ )? ws
        ws ::= [ \t\n]*

        """;
}
