using Corral.Templates.GoTemplate;
using Corral.Templates.Values;

namespace Corral.Templates;

/// <summary>
/// The functions Ollama adds to Go's built-ins (template/template.go funcs): json, currentDate,
/// yesterdayDate and toTypeScriptType.
/// </summary>
internal static class OllamaFunctions
{
    public static IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> Create(TimeProvider time) =>
        new Dictionary<string, Func<IReadOnlyList<object?>, object?>>
        {
            ["json"] = args => GoJson.Marshal(Builtins.Exactly("json", args, 1)[0]),
            // Go layout "2006-01-02"; Ollama ignores any arguments.
            ["currentDate"] = _ => time.GetLocalNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["yesterdayDate"] = _ => time.GetLocalNow().AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["toTypeScriptType"] = args => ToTypeScriptType(Builtins.Exactly("toTypeScriptType", args, 1)[0]),
        };

    /// <summary>api.PropertyType.ToTypeScriptType: each JSON schema type mapped, unions joined with " | ".</summary>
    private static string ToTypeScriptType(object? value)
    {
        IReadOnlyList<string> types = value switch
        {
            PropertyTypeValue property => property.Types,
            string s => [s],
            _ => [],
        };
        if (types.Count == 0)
        {
            return value is PropertyTypeValue ? "any" : "";
        }

        return string.Join(" | ", types.Select(t => t switch
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
}
