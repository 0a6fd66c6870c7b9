using System.Text.Json;

namespace Corral.Templates;

/// <summary>
/// The request's <c>think</c> field as templates see it: <see cref="Enabled"/> (.Think), <see cref="Level"/>
/// (.ThinkLevel: "" or low/medium/high/max, true meaning medium) and <see cref="IsSet"/> (.IsThinkSet).
/// </summary>
public sealed record ThinkOption(bool Enabled, string Level, bool IsSet)
{
    private const string Choices = "\"high\", \"medium\", \"low\", \"max\", true, or false";

    public static ThinkOption Unset { get; } = new(false, "", false);

    /// <summary>Parses <c>think</c>; false with Ollama's 400 message when the value is not allowed.</summary>
    public static bool TryParse(JsonElement? value, out ThinkOption option, out string error)
    {
        option = Unset;
        error = "";
        switch (value?.ValueKind)
        {
            case null or JsonValueKind.Null or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.True:
                option = new ThinkOption(true, "medium", true);
                return true;
            case JsonValueKind.False:
                option = new ThinkOption(false, "", true);
                return true;
            case JsonValueKind.String when value.Value.GetString() is "low" or "medium" or "high" or "max":
                option = new ThinkOption(true, value.Value.GetString()!, true);
                return true;
            case JsonValueKind.String:
                error = $"invalid think value: \"{value.Value.GetString()}\" (must be {Choices})";
                return false;
            default:
                error = $"think must be a boolean or string ({Choices})";
                return false;
        }
    }

    /// <summary>Ollama turns thinking on for models that can think when the request does not say.</summary>
    public ThinkOption WithDefault(bool modelCanThink) => !IsSet && modelCanThink ? new ThinkOption(true, "medium", true) : this;

    public PromptInput ApplyTo(PromptInput input) => input with { Think = Enabled, ThinkLevel = Level, IsThinkSet = IsSet };
}
