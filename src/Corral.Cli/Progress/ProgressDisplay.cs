namespace Corral.Cli.Progress;

/// <summary>
/// Progress lines on stderr. On a terminal it redraws every line in place every 100 ms with ANSI (cursor hidden
/// meanwhile), as Ollama's <c>progress.Progress</c>; otherwise it writes each line once, plainly, when it has
/// something final to say, so logs and pipes get readable text instead of escape codes.
/// </summary>
public sealed class ProgressDisplay : IAsyncDisposable
{
    private readonly TextWriter _output;
    private readonly Func<int> _width;
    private readonly TimeProvider _time;
    private readonly List<IProgressState> _states = [];
    private readonly HashSet<IProgressState> _printed = [];
    private readonly Lock _lock = new();
    private readonly ITimer? _timer;
    private int _drawnLines;
    private bool _stopped;

    public ProgressDisplay(TextWriter output, bool isTerminal, Func<int> width, TimeProvider time)
    {
        _output = output;
        _width = width;
        _time = time;
        IsTerminal = isTerminal;
        if (isTerminal)
        {
            _output.Write("\x1b[?25l");
            _timer = time.CreateTimer(_ => Draw(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }
    }

    public bool IsTerminal { get; }

    public DateTimeOffset Now => _time.GetUtcNow();

    public void Add(IProgressState state)
    {
        lock (_lock)
        {
            _states.Add(state);
        }

        Flush();
    }

    /// <summary>Writes what changed: a redraw on a terminal, newly final lines otherwise.</summary>
    public void Flush()
    {
        if (IsTerminal)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var state in _states.Where(s => !_printed.Contains(s)))
            {
                if (state.PlainLine is { } line)
                {
                    _output.WriteLine(line);
                    _printed.Add(state);
                }
            }
        }
    }

    /// <summary>Stops every line, draws the final state and leaves it on screen.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        lock (_lock)
        {
            foreach (var state in _states)
            {
                state.Stop(Now);
            }
        }

        Flush();
        Draw();
        lock (_lock)
        {
            if (IsTerminal && !_stopped)
            {
                _output.Write(_drawnLines > 0 ? "\n\x1b[?25h" : "\x1b[?25h");
            }

            _stopped = true;
        }

        await _output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Stops and erases every line (the spinner before an answer starts), leaving the cursor where it began.</summary>
    public async ValueTask ClearAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        lock (_lock)
        {
            if (IsTerminal && !_stopped)
            {
                var erase = new System.Text.StringBuilder("\r\x1b[K");
                for (var i = 1; i < _drawnLines; i++)
                {
                    erase.Append("\x1b[1A\x1b[K");
                }

                _output.Write(erase.Append("\x1b[?25h").ToString());
                _output.Flush();
            }

            _stopped = true;
        }
    }

    private void Draw()
    {
        if (!IsTerminal)
        {
            return;
        }

        lock (_lock)
        {
            if (_stopped)
            {
                return;
            }

            var frame = new System.Text.StringBuilder("\x1b[?2026h");
            if (_drawnLines > 1)
            {
                frame.Append("\x1b[").Append(_drawnLines - 1).Append('A');
            }

            frame.Append('\r');
            var width = Math.Max(20, _width());
            for (var i = 0; i < _states.Count; i++)
            {
                frame.Append(_states[i].Render(width, Now)).Append("\x1b[K");
                if (i < _states.Count - 1)
                {
                    frame.Append('\n');
                }
            }

            frame.Append("\x1b[?2026l");
            _drawnLines = _states.Count;
            _output.Write(frame.ToString());
            _output.Flush();
        }
    }
}
