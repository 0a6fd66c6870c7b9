namespace Corral.Templates.Values;

/// <summary>JSON schema types as TypeScript (api mapToTypeScriptType); no type at all is "any".</summary>
internal static class TypeScriptTypes
{
    public static string From(IReadOnlyList<string> types) => types.Count == 0
        ? "any"
        : string.Join(" | ", types.Select(t => t switch
        {
            "string" => "string",
            "number" or "integer" => "number",
            "boolean" => "boolean",
            "array" => "any[]",
            "object" => "Record<string, any>",
            "null" => "null",
            _ => "any",
        }));
}
