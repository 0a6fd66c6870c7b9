using System.Globalization;

namespace Corral.Cli.Formatting;

/// <summary>
/// Relative times as Ollama's <c>format.HumanTime</c> (https://github.com/ollama/ollama/blob/main/format/time.go):
/// <c>2 weeks ago</c>, <c>4 minutes from now</c>, <c>Forever</c> beyond 20 years ahead.
/// </summary>
public static class HumanTime
{
    public static string Format(DateTimeOffset time, DateTimeOffset now, string zeroValue)
    {
        if (time == default)
        {
            return zeroValue;
        }

        var delta = now - time;
        if (delta.TotalHours / 24 / 365 < -20)
        {
            return "Forever";
        }

        return delta < TimeSpan.Zero ? Duration(-delta) + " from now" : Duration(delta) + " ago";
    }

    private static string Duration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        if (seconds < 1)
        {
            return "Less than a second";
        }

        if (seconds < 60)
        {
            return seconds == 1 ? "1 second" : Invariant($"{seconds} seconds");
        }

        var minutes = (long)d.TotalMinutes;
        if (minutes < 60)
        {
            return minutes == 1 ? "About a minute" : Invariant($"{minutes} minutes");
        }

        var hours = (long)Math.Round(d.TotalHours, MidpointRounding.AwayFromZero);
        return hours switch
        {
            1 => "About an hour",
            < 48 => Invariant($"{hours} hours"),
            < 24 * 7 * 2 => Invariant($"{hours / 24} days"),
            < 24 * 30 * 2 => Invariant($"{hours / 24 / 7} weeks"),
            < 24 * 365 * 2 => Invariant($"{hours / 24 / 30} months"),
            _ => Invariant($"{hours / 24 / 365} years"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
