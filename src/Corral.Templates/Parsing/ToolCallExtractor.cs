using System.Text.Json;

namespace Corral.Templates.Parsing;

/// <summary>
/// Turns one parsed JSON value into tool calls the way Ollama's tools parser reads model output:
/// <c>{"name":..,"arguments":{..}}</c> (or "parameters", or arguments as a JSON-encoded string),
/// <c>{"tool_name":{..args}}</c>, arrays of those, and the same shapes nested one level or more inside.
/// </summary>
internal static class ToolCallExtractor
{
    public static List<(string Name, JsonElement Arguments)> Extract(JsonElement value, IReadOnlySet<string> toolNames)
    {
        var calls = new List<(string, JsonElement)>();
        Collect(value, toolNames, calls);
        return calls;
    }

    private static void Collect(JsonElement value, IReadOnlySet<string> toolNames, List<(string, JsonElement)> calls)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                Collect(item, toolNames, calls);
            }

            return;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (value.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && IsKnown(name.GetString()!, toolNames) &&
            Arguments(value) is { } arguments)
        {
            calls.Add((name.GetString()!, arguments));
            return;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (toolNames.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.Object)
            {
                calls.Add((property.Name, property.Value.Clone()));
                return;
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            Collect(property.Value, toolNames, calls);
        }
    }

    private static bool IsKnown(string name, IReadOnlySet<string> toolNames) => toolNames.Count == 0 || toolNames.Contains(name);

    private static JsonElement? Arguments(JsonElement call)
    {
        foreach (var key in (string[])["arguments", "parameters"])
        {
            if (!call.TryGetProperty(key, out var arguments))
            {
                continue;
            }

            if (arguments.ValueKind == JsonValueKind.Object)
            {
                return arguments.Clone();
            }

            if (arguments.ValueKind == JsonValueKind.String)
            {
                try
                {
                    using var document = JsonDocument.Parse(arguments.GetString()!);
                    if (document.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        return document.RootElement.Clone();
                    }
                }
                catch (JsonException)
                {
                    // Not JSON inside the string: not a tool call after all.
                }
            }
        }

        return null;
    }
}
