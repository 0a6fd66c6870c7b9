using System.Diagnostics;
using System.Runtime.Versioning;
using Corral.Contracts.Runner;
using Corral.Server.Runners;

namespace Corral.Runner.Tests;

/// <summary>RunnerProcess against real child processes: bash scripts that die, and this assembly as a runner.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class RunnerProcessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private static readonly RunnerLaunchOptions s_fakeModel = new() { ModelPath = "fake.gguf" };

    [Fact]
    public async Task ExitDuringLoad_ThrowsWithExitCodeAndStderrTail_AndLogsStderr()
    {
        var logger = new ListLogger();

        var error = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(
            RunnerCommands.Bash("echo 'reading model' >&2; echo 'error: cannot map model' >&2; exit 3"),
            s_fakeModel, logger, Timeout()));

        Assert.Equal("runner process has terminated: exit code 3: reading model\nerror: cannot map model", error.Message);
        Assert.Contains(logger.Messages, m => m.EndsWith(": error: cannot map model", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProjectorIsPassedAsMmproj_AndAbsentOtherwise()
    {
        // The script prints the runner arguments after the socket path, then exits so the load fails with them.
        var printArguments = RunnerCommands.Bash("""echo "$1 $2 $3 ${@:6}" >&2; exit 3""");

        var vision = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(printArguments,
            s_fakeModel with { ProjectorPath = "/blobs/sha256-proj" }, new ListLogger(), Timeout()));
        var text = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(printArguments,
            s_fakeModel, new ListLogger(), Timeout()));

        Assert.EndsWith(" --mmproj /blobs/sha256-proj", vision.Message);
        Assert.StartsWith("runner process has terminated: exit code 3: runner --model fake.gguf --ctx-size", vision.Message);
        Assert.DoesNotContain("--mmproj", text.Message);
    }

    [Fact]
    public async Task UseMmapIsPassedAsMmap_AndAbsentByDefault()
    {
        var printArguments = RunnerCommands.Bash("""echo "${@:6}" >&2; exit 3""");

        var mapped = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(printArguments,
            s_fakeModel with { UseMmap = true }, new ListLogger(), Timeout()));
        var read = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(printArguments,
            s_fakeModel, new ListLogger(), Timeout()));

        Assert.EndsWith(" --mmap", mapped.Message);
        Assert.DoesNotContain("--mmap", read.Message);
    }

    [Fact]
    public async Task KilledDuringLoad_ThrowsWithTheSignalExitCode()
    {
        var error = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(
            RunnerCommands.Bash("kill -9 $$"), s_fakeModel, new ListLogger(), Timeout()));

        Assert.Equal("runner process has terminated: exit code 137", error.Message);
    }

    [Fact]
    public async Task CancelledLoad_KillsTheRunner()
    {
        var pidFile = Path.GetTempFileName();
        using var cancel = new CancellationTokenSource();
        var start = RunnerProcess.StartAsync(RunnerCommands.Bash($"echo $$ > {pidFile}; exec sleep 60"),
            s_fakeModel, new ListLogger(), cancel.Token);
        var pid = await ReadPidAsync(pidFile);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start.WaitAsync(s_timeout));
        Assert.False(IsRunning(pid));
        File.Delete(pidFile);
    }

    [Fact]
    public async Task LoadErrorState_ThrowsTheRunnersMessage()
    {
        var error = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(
            RunnerCommands.FakeModel, s_fakeModel with { ModelPath = "load-error" }, new ListLogger(), Timeout()));

        Assert.Equal("fake: no model at load-error", error.Message);
    }

    [Fact]
    public async Task MissingExecutable_IsALoadError()
    {
        var error = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(
            new RunnerCommand("/nonexistent/corral", []), s_fakeModel, new ListLogger(), Timeout()));

        Assert.StartsWith("could not start the runner process /nonexistent/corral: ", error.Message);
    }

    [Fact]
    public async Task ReadyRunner_ServesTheProtocol_ForwardsStderrAndErrors_AndDisposeCleansUp()
    {
        var logger = new ListLogger();
        var runner = await RunnerProcess.StartAsync(RunnerCommands.FakeModel, s_fakeModel with { Parallel = 2 }, logger, Timeout());
        var socketDirectory = Path.GetDirectoryName(runner.SocketPath)!;

        var status = await runner.GetStatusAsync(Timeout());
        var chunks = await runner.CompleteAsync(new CompletionRequest { Prompt = "hello world" }, Timeout()).ToListAsync();
        var tokens = await runner.TokenizeAsync(new TokenizeRequest("ok"), Timeout());
        var failed = await runner.CompleteAsync(new CompletionRequest { Prompt = "fail-after" }, Timeout()).ToListAsync();

        Assert.Equal("ready", status.State);
        Assert.Equal(["hello", "world", ""], chunks.Select(c => c.Content));
        Assert.Equal([111, 107], tokens.Tokens);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(socketDirectory));
        await WaitForLogAsync(logger, "loading model fake.gguf");
        Assert.Equal("fake: decode failed", failed[^1].Error);
        await WaitForLogAsync(logger, "/completion failed");

        var pid = runner.ProcessId;
        await runner.DisposeAsync();

        Assert.True(runner.Exited.IsCompleted);
        Assert.False(IsRunning(pid));
        Assert.False(Directory.Exists(socketDirectory));
    }

    [Fact]
    public async Task RunnerKilledMidStream_EndsTheStreamWithOllamasCrashMessage_AndLaterRequestsThrowIt()
    {
        await using var runner = await RunnerProcess.StartAsync(RunnerCommands.FakeModel, s_fakeModel, new ListLogger(), Timeout());
        var chunks = new List<CompletionChunk>();

        await foreach (var chunk in runner.CompleteAsync(new CompletionRequest { Prompt = "endless" }, Timeout()))
        {
            chunks.Add(chunk);
            if (chunks.Count == 2)
            {
                using var process = Process.GetProcessById(runner.ProcessId);
                process.Kill();
            }
        }

        await runner.Exited.WaitAsync(s_timeout);
        Assert.True(chunks.Count >= 3);
        Assert.Equal((true, RunnerStoppedException.StoppedMessage), (chunks[^1].Done, chunks[^1].Error));
        var error = await Assert.ThrowsAsync<RunnerStoppedException>(() => runner.TokenizeAsync(new TokenizeRequest("x"), Timeout()));
        Assert.Equal(RunnerStoppedException.StoppedMessage, error.Message);
        await Assert.ThrowsAsync<RunnerStoppedException>(async () =>
            await runner.CompleteAsync(new CompletionRequest { Prompt = "a" }, Timeout()).ToListAsync());
    }

    [Fact]
    public async Task Runner_ExitsWhenItsParentDies()
    {
        using var parent = Process.Start("sleep", "60");
        var directory = Directory.CreateTempSubdirectory("corral-runner-test-");
        var socketPath = Path.Combine(directory.FullName, "runner.sock");
        var info = new ProcessStartInfo(RunnerCommands.Dotnet) { RedirectStandardError = true };
        foreach (var argument in (string[])[typeof(FakeModelRunner).Assembly.Location, "runner", "--model", "m",
                     "--socket", socketPath, "--parent-pid", $"{parent.Id}"])
        {
            info.ArgumentList.Add(argument);
        }

        using var runner = Process.Start(info)!;
        runner.BeginErrorReadLine();
        await using (var client = new RunnerClient(socketPath))
        {
            await WaitForReadyAsync(client);
        }

        parent.Kill();
        await parent.WaitForExitAsync();

        await runner.WaitForExitAsync(Timeout());
        Assert.Equal(0, runner.ExitCode);
        directory.Delete(recursive: true);
    }

    [Fact]
    public async Task RealCorralRunner_BadArguments_ExitWithUsageErrorInTheLoadException()
    {
        var error = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(
            RunnerCommands.Corral, s_fakeModel with { ContextSize = 0 }, new ListLogger(), Timeout()));

        Assert.Equal("runner process has terminated: exit code 2: corral runner: --ctx-size must be an integer >= 1, got '0'",
            error.Message);
    }

    [Fact]
    public async Task RealCorralRunner_MissingModel_IsALoadError()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"corral-missing-{Guid.NewGuid():N}.gguf");

        var error = await Assert.ThrowsAsync<RunnerLoadException>(() => RunnerProcess.StartAsync(
            RunnerCommands.Corral, s_fakeModel with { ModelPath = missing }, new ListLogger(), Timeout()));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(s_timeout).Token;

    private static async Task<int> ReadPidAsync(string pidFile)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        while (true)
        {
            var text = await File.ReadAllTextAsync(pidFile, timeout.Token);
            if (int.TryParse(text, out var pid))
            {
                return pid;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>The runner's stderr arrives asynchronously; wait for the line rather than race it.</summary>
    private static async Task WaitForLogAsync(ListLogger logger, string text)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        while (!logger.Messages.Any(m => m.Contains(text, StringComparison.Ordinal)))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task WaitForReadyAsync(RunnerClient client)
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        while (true)
        {
            try
            {
                if ((await client.GetStatusAsync(timeout.Token)).State == "ready")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
