using System.Text.Encodings.Web;
using System.Text.Json;

namespace Corral.Grammar;

/// <summary>Walks one schema and adds a rule per sub-schema, named by its path (<c>person-address-city</c>).</summary>
internal sealed class SchemaVisitor
{
    /// <summary>Keywords that only describe; they never change what is valid.</summary>
    private static readonly HashSet<string> s_annotations =
    [
        "title", "description", "$schema", "$id", "$comment", "default", "examples", "deprecated", "readOnly",
        "writeOnly", "$defs", "definitions",
    ];

    private static readonly HashSet<string> s_supported =
    [
        "type", "properties", "required", "additionalProperties", "items", "prefixItems", "minItems", "maxItems",
        "enum", "const", "anyOf", "oneOf", "$ref", "minLength", "maxLength",
    ];

    private static readonly JsonSerializerOptions s_literalJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JsonElement _root;
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);

    public SchemaVisitor(JsonElement root)
    {
        _root = root;
        Rules.Add("space", PrimitiveRules.Space);
    }

    public GbnfRules Rules { get; } = new();

    public void VisitRoot()
    {
        // An unconstrained root is an object, as in llama.cpp and Ollama's "json" format.
        if (IsUnconstrained(_root))
        {
            Rules.Add("root", AddPrimitive("object"));
            return;
        }

        Visit(_root, "", "#");
    }

    private string Visit(JsonElement schema, string name, string path)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return AddPrimitive("value");
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new UnsupportedSchemaException($"schema at {path} must be an object or true");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!s_supported.Contains(keyword.Name) && !s_annotations.Contains(keyword.Name))
            {
                throw new UnsupportedSchemaException($"unsupported JSON Schema keyword \"{keyword.Name}\" at {path}");
            }
        }

        var ruleName = RuleName(name);
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Rules.Add(ruleName, VisitReference(reference.GetString() ?? "", path));
        }

        if (schema.TryGetProperty("anyOf", out var anyOf) || schema.TryGetProperty("oneOf", out anyOf))
        {
            return Rules.Add(ruleName, Union(Elements(anyOf, "anyOf/oneOf", path), name, path));
        }

        if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
        {
            // An empty alternation is no GBNF rule at all, and llama.cpp would refuse the whole grammar.
            if (type.GetArrayLength() == 0 || type.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
            {
                throw new UnsupportedSchemaException($"\"type\" at {path} must be a type name or a non-empty array of them");
            }
            var alternatives = type.EnumerateArray()
                .Select((t, i) => VisitTyped(schema, t.GetString()!, $"{Prefix(name)}{i}", $"{path}/type/{i}"));
            return Rules.Add(ruleName, string.Join(" | ", alternatives));
        }

        return VisitTyped(schema, type.ValueKind == JsonValueKind.String ? type.GetString() : null, name, path);
    }

    private string VisitTyped(JsonElement schema, string? type, string name, string path)
    {
        var ruleName = RuleName(name);
        if (schema.TryGetProperty("const", out var constant))
        {
            return Rules.Add(ruleName, $"{Literal(constant)} space");
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return Rules.Add(ruleName, $"({string.Join(" | ", Elements(values, "enum", path).Select(Literal))}) space");
        }

        var hasProperties = schema.TryGetProperty("properties", out var properties);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        if (type is null or "object" && (hasProperties || (hasAdditional && additional.ValueKind != JsonValueKind.True)))
        {
            return Rules.Add(ruleName, ObjectRule(schema, properties, hasAdditional ? additional : null, name, path));
        }

        if (type is null or "array" && (schema.TryGetProperty("items", out var items) || schema.TryGetProperty("prefixItems", out items)))
        {
            return Rules.Add(ruleName, ArrayRule(schema, items, name, path));
        }

        if (type is null or "string" && (schema.TryGetProperty("minLength", out _) || schema.TryGetProperty("maxLength", out _)))
        {
            var length = Repetition(AddPrimitive("char"), Count(schema, "minLength") ?? 0, Count(schema, "maxLength"), null);
            return Rules.Add(ruleName, $"\"\\\"\" {length} \"\\\"\" space");
        }

        if (type is null && IsUnconstrained(schema))
        {
            return AddPrimitive("value");
        }

        if (type is not null && PrimitiveRules.All.ContainsKey(type) && type is not ("char" or "value" or "decimal-part" or "integral-part"))
        {
            return ruleName == "root" ? AddPrimitive(type, "root") : AddPrimitive(type);
        }

        throw new UnsupportedSchemaException($"unsupported JSON Schema type \"{type}\" at {path}");
    }

    private string VisitReference(string reference, string path)
    {
        if (_refRules.TryGetValue(reference, out var known))
        {
            return known;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new UnsupportedSchemaException($"only local $ref (\"#/...\") are supported, got \"{reference}\" at {path}");
        }

        var target = _root;
        foreach (var segment in reference[2..].Split('/'))
        {
            var key = segment.Replace("~1", "/").Replace("~0", "~");
            if (target.ValueKind != JsonValueKind.Object || !target.TryGetProperty(key, out target))
            {
                throw new UnsupportedSchemaException($"$ref \"{reference}\" at {path} does not resolve");
            }
        }

        // Reserve a free rule name first so a recursive schema can refer to itself while it is being built.
        var name = RuleName(GbnfRules.Sanitize(reference[(reference.LastIndexOf('/') + 1)..]));
        var unique = name;
        for (var i = 0; Rules.Contains(unique) || _refRules.ContainsValue(unique); i++)
        {
            unique = $"{name}{i}";
        }

        _refRules[reference] = unique;
        var rule = Visit(target, unique, reference);
        _refRules[reference] = rule;
        return rule;
    }

    private string ObjectRule(JsonElement schema, JsonElement properties, JsonElement? additional, string name, string path)
    {
        var required = schema.TryGetProperty("required", out var requiredList)
            ? Elements(requiredList, "required", path).Select(r => r.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        var keyValueRules = new Dictionary<string, string>(StringComparer.Ordinal);
        var requiredNames = new List<string>();
        var optionalNames = new List<string>();
        if (properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                var propertyName = $"{Prefix(name)}{property.Name}";
                var valueRule = Visit(property.Value, propertyName, $"{path}/properties/{property.Name}");
                keyValueRules[property.Name] = Rules.Add($"{propertyName}-kv",
                    $"{Literal(JsonSerializer.SerializeToElement(property.Name))} space \":\" space {valueRule}");
                (required.Contains(property.Name) ? requiredNames : optionalNames).Add(property.Name);
            }
        }

        if (additional is { } extra && extra.ValueKind != JsonValueKind.False)
        {
            // Extra keys are any string here; llama.cpp also excludes the declared names, which only matters for
            // duplicate keys.
            var extraName = $"{Prefix(name)}additional";
            var valueRule = extra.ValueKind == JsonValueKind.True
                ? AddPrimitive("value")
                : Visit(extra, $"{extraName}-value", $"{path}/additionalProperties");
            keyValueRules["*"] = Rules.Add($"{extraName}-kv", $"{AddPrimitive("string")} \":\" space {valueRule}");
            optionalNames.Add("*");
        }

        var rule = "\"{\" space " + string.Join(" \",\" space ", requiredNames.Select(n => keyValueRules[n]));
        if (optionalNames.Count > 0)
        {
            var alternatives = Enumerable.Range(0, optionalNames.Count)
                .Select(i => OptionalTail(optionalNames.Skip(i).ToList(), keyValueRules, name, firstIsOptional: false));
            var optional = string.Join(" | ", alternatives);
            rule += requiredNames.Count > 0 ? $" ( \",\" space ( {optional} ) )?" : $" ( {optional} )?";
        }

        return rule + " \"}\" space";
    }

    /// <summary>Optional properties may be skipped but keep their order: after the first present one, each later
    /// one is "( , kv )?" (extra properties "( , kv )*").</summary>
    private string OptionalTail(List<string> names, Dictionary<string, string> keyValueRules, string name, bool firstIsOptional)
    {
        var first = names[0];
        var keyValue = keyValueRules[first];
        var commaKeyValue = $"( \",\" space {keyValue} )";
        var rule = firstIsOptional
            ? commaKeyValue + (first == "*" ? "*" : "?")
            : keyValue + (first == "*" ? $" {commaKeyValue}*" : "");
        if (names.Count > 1)
        {
            rule += " " + Rules.Add($"{Prefix(name)}{first}-rest", OptionalTail(names[1..], keyValueRules, name, firstIsOptional: true));
        }

        return rule;
    }

    private string ArrayRule(JsonElement schema, JsonElement items, string name, string path)
    {
        if (items.ValueKind == JsonValueKind.Array)
        {
            var tuple = items.EnumerateArray()
                .Select((item, i) => Visit(item, $"{Prefix(name)}tuple-{i}", $"{path}/items/{i}"));
            return $"\"[\" space {string.Join(" \",\" space ", tuple)} \"]\" space";
        }

        var itemRule = Visit(items, $"{Prefix(name)}item", $"{path}/items");
        var repetition = Repetition(itemRule, Count(schema, "minItems") ?? 0, Count(schema, "maxItems"), "\",\" space");
        return repetition.Length == 0 ? "\"[\" space \"]\" space" : $"\"[\" space {repetition} \"]\" space";
    }

    private string Union(IEnumerable<JsonElement> alternatives, string name, string path) =>
        string.Join(" | ", alternatives.Select((alternative, i) => Visit(alternative, $"{Prefix(name)}{i}", $"{path}/anyOf/{i}")));

    /// <summary>min..max copies of an item, with an optional separator between them (llama.cpp's _build_repetition).</summary>
    private static string Repetition(string item, int min, int? max, string? separator)
    {
        if (max == 0)
        {
            return "";
        }

        if (min == 0 && max == 1)
        {
            return $"{item}?";
        }

        if (separator is null)
        {
            return (min, max) switch
            {
                (1, null) => $"{item}+",
                (0, null) => $"{item}*",
                _ => $"{item}{{{min},{max}}}",
            };
        }

        var rest = Repetition($"({separator} {item})", Math.Max(min - 1, 0), max - 1, null);
        var result = rest.Length == 0 ? item : $"{item} {rest}";
        return min == 0 ? $"({result})?" : result;
    }

    private string AddPrimitive(string primitive, string? asName = null)
    {
        var (body, dependencies) = PrimitiveRules.All[primitive];
        var name = Rules.Add(asName ?? primitive, body);
        foreach (var dependency in dependencies)
        {
            if (!Rules.Contains(dependency))
            {
                AddPrimitive(dependency);
            }
        }

        return name;
    }

    private static bool IsUnconstrained(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.True
        || (schema.ValueKind == JsonValueKind.Object && schema.EnumerateObject().All(p => s_annotations.Contains(p.Name)));

    private static JsonElement.ArrayEnumerator Elements(JsonElement value, string keyword, string path) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : throw new UnsupportedSchemaException($"\"{keyword}\" at {path} must be an array");

    private static int? Count(JsonElement schema, string keyword)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw new UnsupportedSchemaException($"\"{keyword}\" must be a non-negative integer");
    }

    /// <summary>A JSON value as a GBNF string literal (compact JSON, then GBNF escapes).</summary>
    private static string Literal(JsonElement value)
    {
        var json = JsonSerializer.Serialize(value, s_literalJson);
        return $"\"{json.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
    }

    private static string Prefix(string name) => name.Length == 0 ? "" : $"{name}-";

    /// <summary>A sub-schema may not take a primitive's name (a property called "string" becomes "string-").</summary>
    private static string RuleName(string name) =>
        name.Length == 0 ? "root"
        : name is "root" or "space" or "dot" || PrimitiveRules.All.ContainsKey(name) ? $"{name}-"
        : name;
}
