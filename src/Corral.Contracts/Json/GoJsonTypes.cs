using System.Text.Json;

namespace Corral.Contracts.Json;

/// <summary>Names Go's encoding/json uses for JSON values, so our decoder errors read like Ollama's.</summary>
public static class GoJsonTypes
{
    /// <summary>The Go dynamic type of a value decoded into <c>any</c> (<c>reflect.TypeOf(v)</c>).</summary>
    public static string DynamicTypeName(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => "float64",
        JsonTokenType.True or JsonTokenType.False => "bool",
        JsonTokenType.StartArray => "[]interface {}",
        JsonTokenType.StartObject => "map[string]interface {}",
        _ => "%!s(<nil>)",
    };
}
