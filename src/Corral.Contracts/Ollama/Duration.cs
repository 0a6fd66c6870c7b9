using System.Text.Json.Serialization;
using Corral.Contracts.Json;

namespace Corral.Contracts.Ollama;

/// <summary>
/// Ollama's <c>api.Duration</c> (<c>keep_alive</c>): a number of seconds or a Go duration string on the wire;
/// any negative value means "forever" and is stored as <see cref="long.MaxValue"/> nanoseconds.
/// </summary>
[JsonConverter(typeof(DurationJsonConverter))]
public readonly record struct Duration(long Nanoseconds)
{
    /// <summary>Keep the model loaded forever (Go's <c>math.MaxInt64</c> nanoseconds).</summary>
    public static Duration Forever { get; } = new(long.MaxValue);

    public bool IsForever => Nanoseconds == long.MaxValue;

    /// <summary>The value as a <see cref="TimeSpan"/>; forever maps to <see cref="TimeSpan.MaxValue"/>.</summary>
    public TimeSpan ToTimeSpan() => IsForever ? TimeSpan.MaxValue : TimeSpan.FromTicks(Nanoseconds / 100);

    public static Duration FromTimeSpan(TimeSpan value) =>
        value < TimeSpan.Zero || value == TimeSpan.MaxValue ? Forever : new Duration(value.Ticks * 100);

    /// <summary>Parses the value of <c>OLLAMA_KEEP_ALIVE</c> style text: a Go duration or integer seconds; negative = forever.</summary>
    public static bool TryParse(string text, out Duration duration, out string? error)
    {
        if (GoDuration.TryParse(text, out var ns, out error))
        {
            duration = ns < 0 ? Forever : new Duration(ns);
            return true;
        }
        if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign,
                System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            error = null;
            duration = seconds < 0 ? Forever : new Duration(checked(seconds * 1_000_000_000));
            return true;
        }
        duration = default;
        return false;
    }

    /// <summary>Go's <c>Duration.String()</c> form, e.g. <c>5m0s</c>.</summary>
    public override string ToString() => GoDuration.Format(Nanoseconds);
}
