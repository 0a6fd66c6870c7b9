namespace Corral.Engine;

/// <summary>
/// Cuts generated text at the first stop string and never lets part of one out: text that could be the start
/// of a stop string is held back until it either completes the stop (then it is dropped) or diverges.
/// Mirrors Ollama's runner (<c>findStop</c>/<c>containsStopSuffix</c> in runner/common/stop.go).
/// </summary>
public sealed class StopStringFilter(IReadOnlyList<string> stops)
{
    private string _pending = "";

    public bool Stopped { get; private set; }

    /// <summary>Adds text and returns what can be sent now. After a stop is found, <see cref="Stopped"/> is set
    /// and the returned text ends right before it.</summary>
    public string Append(string text)
    {
        if (Stopped)
        {
            return "";
        }

        if (stops.Count == 0)
        {
            return text;
        }

        _pending += text;
        var cut = -1;
        foreach (var stop in stops)
        {
            if (stop.Length == 0)
            {
                continue;
            }

            var at = _pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }

        if (cut >= 0)
        {
            Stopped = true;
            var before = _pending[..cut];
            _pending = "";
            return before;
        }

        var hold = HeldBackLength(_pending);
        var ready = _pending[..^hold];
        _pending = _pending[^hold..];
        return ready;
    }

    /// <summary>Generation ended without a stop: the held-back text is ordinary output.</summary>
    public string Flush()
    {
        var rest = _pending;
        _pending = "";
        return rest;
    }

    /// <summary>Longest suffix of <paramref name="text"/> that is a proper prefix of some stop string.</summary>
    private int HeldBackLength(string text)
    {
        var longest = 0;
        foreach (var stop in stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > longest; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    longest = length;
                    break;
                }
            }
        }

        return longest;
    }
}
