using System.Diagnostics;

namespace Corral.Cli.Tests.Infrastructure;

/// <summary>
/// A program running in a real pseudo-terminal: a tmux session on a private socket, driven with
/// <c>send-keys</c> and read with <c>capture-pane</c>.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private readonly string _socket;
    private const string Name = "cli";

    private TmuxSession(string socket) => _socket = socket;

    public static Task<TmuxSession> StartAsync(string directory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartAsync(directory, environment, holdOpen: false, args);

    /// <summary>Like <see cref="StartAsync(string, IReadOnlyDictionary{string, string}, string[])"/>, keeping the screen after the program exits.</summary>
    public static Task<TmuxSession> StartHeldAsync(string directory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        StartAsync(directory, environment, holdOpen: true, args);

    private static async Task<TmuxSession> StartAsync(string directory, IReadOnlyDictionary<string, string> environment, bool holdOpen, string[] args)
    {
        var session = new TmuxSession(Path.Combine(directory, $"tmux-{Guid.NewGuid():N}.sock"));
        var env = string.Join(' ', environment.Select(p => $"{p.Key}={Quote(p.Value)}"));
        var command = $"env {env} dotnet {Quote(RepoPaths.CorralDll)} {string.Join(' ', args.Select(Quote))}" + (holdOpen ? "; sleep 60" : "");
        await session.TmuxAsync("new-session", "-d", "-s", Name, "-x", "120", "-y", "50", command);
        return session;
    }

    public Task SendLineAsync(string text) => SendAsync(text, "Enter");

    public async Task SendAsync(string literal, params string[] keys)
    {
        if (literal.Length > 0)
        {
            await TmuxAsync("send-keys", "-t", Name, "-l", literal);
        }

        if (keys.Length > 0)
        {
            await TmuxAsync(["send-keys", "-t", Name, .. keys]);
        }
    }

    public async Task<string> CaptureAsync() => await TmuxAsync("capture-pane", "-p", "-J", "-S", "-200", "-t", Name);

    /// <summary>Polls the screen until <paramref name="done"/> holds; fails with the screen's text on timeout.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = await CaptureAsync();
            if (done(screen))
            {
                return screen;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("screen never matched:\n" + screen);
    }

    /// <summary>True once the program has exited and tmux closed the session.</summary>
    public async Task<bool> HasEndedAsync()
    {
        using var process = Process.Start(Info("has-session", "-t", Name))!;
        await process.WaitForExitAsync();
        return process.ExitCode != 0;
    }

    public void Dispose()
    {
        using var process = Process.Start(Info("kill-server"))!;
        process.WaitForExit();
        File.Delete(_socket);
    }

    private async Task<string> TmuxAsync(params string[] args)
    {
        using var process = Process.Start(Info(args))!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {error}");
    }

    private ProcessStartInfo Info(params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-S");
        info.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
