namespace Corral.Grammar;

/// <summary>
/// The building blocks of schema grammars, with llama.cpp's semantics (common/json-schema-to-grammar.cpp): numbers
/// without leading zeros and at most 16 digits per part, strings without raw control characters, and
/// <c>space</c> allowing at most two newlines and 20 indent characters so a model cannot loop on whitespace.
/// </summary>
internal static class PrimitiveRules
{
    public const string Space = """| " " | "\n"{1,2} [ \t]{0,20}""";

    /// <summary>Rule body and the primitive rules it refers to, by primitive name.</summary>
    public static readonly IReadOnlyDictionary<string, (string Body, string[] Dependencies)> All =
        new Dictionary<string, (string, string[])>
        {
            ["boolean"] = ("""("true" | "false") space""", []),
            ["null"] = ("\"null\" space", []),
            ["decimal-part"] = ("[0-9]{1,16}", []),
            ["integral-part"] = ("[0] | [1-9] [0-9]{0,15}", []),
            ["number"] = ("""("-"? integral-part) ("." decimal-part)? ([eE] [-+]? integral-part)? space""", ["integral-part", "decimal-part"]),
            ["integer"] = ("""("-"? integral-part) space""", ["integral-part"]),
            ["char"] = ("""[^"\\\x7F\x00-\x1F] | [\\] (["\\bfnrt] | "u" [0-9a-fA-F]{4})""", []),
            ["string"] = ("\"\\\"\" char* \"\\\"\" space", ["char"]),
            ["value"] = ("object | array | string | number | boolean | null", ["object", "array", "string", "number", "boolean", "null"]),
            ["object"] = ("""
                          "{" space ( string ":" space value ("," space string ":" space value)* )? "}" space
                          """, ["string", "value"]),
            ["array"] = ("""
                         "[" space ( value ("," space value)* )? "]" space
                         """, ["value"]),
        };
}
