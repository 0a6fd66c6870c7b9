using System.Text.Json;
using Corral.Cli.CommandLine;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Generation;

/// <summary>Parses the values of <c>run</c>'s flags with Ollama's error messages.</summary>
public static class RunFlags
{
    /// <summary><c>--think</c> bare is true; otherwise true, false or a level.</summary>
    public static ThinkValue Think(string? value) => value switch
    {
        null or "true" => true,
        "false" => false,
        _ when ThinkValue.Levels.Contains(value) => ThinkValue.FromLevel(value),
        _ => throw new UsageException($"invalid value for --think: \"{value}\" (must be true, false, high, medium, low, or max)"),
    };

    /// <summary><c>json</c>, or a JSON schema given inline.</summary>
    public static JsonElement Format(string value)
    {
        if (value == "json")
        {
            return JsonSerializer.SerializeToElement("json");
        }

        try
        {
            return JsonDocument.Parse(value).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new UsageException($"invalid format: {value} (use 'json' or a JSON schema)");
        }
    }

    /// <summary>A Go duration (<c>5m</c>, <c>1h30m</c>) or seconds; negative keeps the model loaded forever.</summary>
    public static Duration KeepAlive(string value) =>
        Duration.TryParse(value, out var duration, out var error)
            ? duration
            : throw new UsageException(error ?? $"time: invalid duration \"{value}\"");
}
