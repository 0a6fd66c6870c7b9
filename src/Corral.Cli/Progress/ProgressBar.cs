using System.Globalization;
using System.Text;
using Corral.Cli.Formatting;
using Corral.Contracts.Json;

namespace Corral.Cli.Progress;

/// <summary>
/// A transfer bar as Ollama's <c>progress/bar.go</c> draws it:
/// <c>&lt;msg&gt; NNN% ▕███   ▏ &lt;cur&gt;/&lt;total&gt;  &lt;rate&gt;/s  &lt;eta&gt;</c>, only the total once complete.
/// </summary>
public sealed class ProgressBar(string message, long total, long completed, DateTimeOffset started) : IProgressState
{
    private readonly long _initial = completed;
    private DateTimeOffset? _stopped;

    public long Completed { get; private set; } = completed;

    public string? PlainLine => Completed >= total && total > 0
        ? $"{message} {Percent,3:0}% {HumanBytes.Format(total)}"
        : null;

    private double Percent => total <= 0 ? 0 : Math.Min(100, 100.0 * Completed / total);

    public void Set(long value, DateTimeOffset now)
    {
        Completed = value;
        if (Completed >= total && _stopped is null)
        {
            _stopped = now;
        }
    }

    public void Stop(DateTimeOffset now) => _stopped ??= now;

    public string Render(int width, DateTimeOffset now)
    {
        var pre = string.Create(CultureInfo.InvariantCulture, $"{message} {Percent,3:0}%");
        var suffix = new StringBuilder();
        if (_stopped is null)
        {
            suffix.Append(' ').Append(HumanBytes.Format(Completed).PadLeft(6)).Append('/').Append(HumanBytes.Format(total).PadLeft(6));
            var elapsed = (now - started).TotalSeconds;
            var rate = elapsed > 0 ? (Completed - _initial) / elapsed : 0;
            if (rate > 0)
            {
                suffix.Append("  ").Append(HumanBytes.Format((long)rate)).Append("/s");
                suffix.Append("  ").Append(Eta(TimeSpan.FromSeconds((total - Completed) / rate)));
            }
        }
        else
        {
            suffix.Append(' ').Append(HumanBytes.Format(total).PadLeft(6));
        }

        // One column short of the width, so the line never reaches the last column and wraps.
        var barWidth = Math.Max(0, width - pre.Length - suffix.Length - 4);
        var filled = (int)(barWidth * Percent / 100);
        return pre + " ▕" + new string('█', filled) + new string(' ', barWidth - filled) + "▏" + suffix;
    }

    /// <summary>Ollama's ETA: <c>99h+</c>, <c>1h2m</c>, else a Go duration rounded to the second (<c>59s</c>, <c>1m30s</c>).</summary>
    public static string Eta(TimeSpan remaining)
    {
        if (remaining >= TimeSpan.FromHours(100))
        {
            return "99h+";
        }

        if (remaining >= TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)remaining.TotalHours}h{remaining.Minutes}m");
        }

        return GoDuration.Format((long)Math.Round(remaining.TotalSeconds) * 1_000_000_000);
    }
}
