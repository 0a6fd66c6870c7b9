using System.Text.Json.Serialization;

namespace Corral.Contracts.Ollama;

/// <summary>
/// Ollama's <c>api.ThinkValue</c>: <c>true</c>/<c>false</c> or an effort level <c>"low"</c>, <c>"medium"</c>,
/// <c>"high"</c>, <c>"max"</c>.
/// </summary>
[JsonConverter(typeof(ThinkValueJsonConverter))]
public readonly record struct ThinkValue
{
    private ThinkValue(bool enabled, string? level)
    {
        Enabled = enabled;
        Level = level;
    }

    /// <summary>Levels accepted on the wire, in the order Ollama's error message lists them.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["high", "medium", "low", "max"];

    /// <summary>True when thinking is requested (a level string counts as true).</summary>
    public bool Enabled { get; }

    /// <summary>The effort level, or null when the value is a plain boolean.</summary>
    public string? Level { get; }

    public static ThinkValue FromBool(bool enabled) => new(enabled, null);

    /// <summary>Creates a level value; throws for anything but the accepted levels.</summary>
    public static ThinkValue FromLevel(string level) =>
        Levels.Contains(level) ? new ThinkValue(true, level) : throw new ArgumentException(ThinkValueJsonConverter.InvalidLevelMessage(level), nameof(level));

    public static implicit operator ThinkValue(bool enabled) => FromBool(enabled);

    public override string ToString() => Level ?? (Enabled ? "true" : "false");
}
