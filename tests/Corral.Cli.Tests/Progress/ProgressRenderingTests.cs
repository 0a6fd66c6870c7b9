using Corral.Cli.Progress;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Tests.Progress;

public sealed class ProgressRenderingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_running_bar_shows_percent_bar_sizes_rate_and_eta()
    {
        var bar = new ProgressBar("pulling 0123456789ab:", 2_000_000, 0, T0);
        bar.Set(1_000_000, T0.AddSeconds(1));

        var line = bar.Render(80, T0.AddSeconds(1));

        const string pre = "pulling 0123456789ab:  50% ▕";
        const string suffix = "▏   1 MB/  2 MB  1 MB/s  1s";
        Assert.StartsWith(pre, line);
        Assert.EndsWith(suffix, line);
        Assert.Equal(80 - 1, line.Length);
        var cells = line[pre.Length..^suffix.Length];
        Assert.Equal(cells.Length / 2, cells.Count(c => c == '█'));
        Assert.Equal(cells.Length - (cells.Length / 2), cells.Count(c => c == ' '));
    }

    [Fact]
    public void A_finished_bar_shows_only_the_total()
    {
        var bar = new ProgressBar("pulling 0123456789ab:", 24_000_000, 0, T0);
        bar.Set(24_000_000, T0.AddSeconds(2));

        var line = bar.Render(60, T0.AddSeconds(3));

        Assert.Matches("^pulling 0123456789ab: 100% ▕█+▏  24 MB$", line);
        Assert.Equal("pulling 0123456789ab: 100% 24 MB", bar.PlainLine);
    }

    [Theory]
    [InlineData(59, "59s")]
    [InlineData(90, "1m30s")]
    [InlineData(3600 + 120, "1h2m")]
    [InlineData(3600 * 120, "99h+")]
    public void Eta_is_formatted_like_ollama(int seconds, string expected)
    {
        Assert.Equal(expected, ProgressBar.Eta(TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void A_spinner_cycles_braille_frames_and_drops_the_frame_when_stopped()
    {
        var spinner = new Spinner("pulling manifest", T0);

        Assert.Equal("pulling manifest ⠋", spinner.Render(80, T0));
        Assert.Equal("pulling manifest ⠙", spinner.Render(80, T0.AddMilliseconds(100)));
        spinner.Stop(T0);
        Assert.Equal("pulling manifest", spinner.Render(80, T0.AddMilliseconds(200)));
    }

    [Fact]
    public async Task When_not_a_terminal_a_pull_prints_one_plain_line_per_step()
    {
        var output = new StringWriter();

        await using (var display = new ProgressDisplay(output, isTerminal: false, () => 80, TimeProvider.System))
        {
            await TransferProgress.ShowAsync(PullUpdates(), display, TransferProgress.PullLabel, CancellationToken.None);
        }

        Assert.Equal("pulling manifest\npulling 0123456789ab: 100% 2 MB\nverifying sha256 digest\nsuccess\n", output.ToString());
    }

    [Fact]
    public async Task On_a_terminal_a_pull_redraws_bars_in_place_with_ansi()
    {
        var output = new StringWriter();

        await using (var display = new ProgressDisplay(output, isTerminal: true, () => 60, TimeProvider.System))
        {
            await TransferProgress.ShowAsync(PullUpdates(), display, TransferProgress.PullLabel, CancellationToken.None);
        }

        var text = output.ToString();
        Assert.StartsWith("\x1b[?25l", text);
        Assert.EndsWith("\n\x1b[?25h", text);
        var lastFrame = text[text.LastIndexOf("\x1b[?2026h", StringComparison.Ordinal)..];
        Assert.Matches("pulling manifest\x1b\\[K\npulling 0123456789ab: 100% ▕█+▏   2 MB\x1b\\[K\nverifying sha256 digest\x1b\\[K\nsuccess\x1b\\[K", lastFrame);
    }

    private static async IAsyncEnumerable<ProgressResponse> PullUpdates()
    {
        const string digest = "sha256:0123456789abcdef";
        yield return new ProgressResponse { Status = "pulling manifest" };
        yield return new ProgressResponse { Status = "pulling 0123456789ab", Digest = digest, Total = 2_000_000, Completed = 0 };
        await Task.Yield();
        yield return new ProgressResponse { Status = "pulling 0123456789ab", Digest = digest, Total = 2_000_000, Completed = 1_000_000 };
        yield return new ProgressResponse { Status = "pulling 0123456789ab", Digest = digest, Total = 2_000_000, Completed = 2_000_000 };
        yield return new ProgressResponse { Status = "verifying sha256 digest" };
        yield return new ProgressResponse { Status = "success" };
    }
}
