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

    /// <summary>Ollama's toTypeScriptType: a tool property (or its type) as a TypeScript type; "" for anything else.</summary>
    private static string ToTypeScriptType(object? value) => value switch
    {
        ToolPropertyValue property => property.ToTypeScriptType,
        PropertyTypeValue type => TypeScriptTypes.From(type.Types),
        string type => TypeScriptTypes.From([type]),
        _ => "",
    };
}
