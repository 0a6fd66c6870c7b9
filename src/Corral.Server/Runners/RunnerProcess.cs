using System.Diagnostics;
using System.Runtime.CompilerServices;
using Corral.Contracts.Runner;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Runners;

/// <summary>
/// One <c>corral runner</c> child process and the client talking to it. Requests that fail because the process
/// went away get <see cref="RunnerStoppedException"/> (or, mid-stream, a final chunk with its message);
/// <see cref="Exited"/> completes when the process is gone. Disposing kills the process tree and removes the
/// private socket directory.
/// </summary>
public sealed class RunnerProcess : IRunningRunner
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a failed request waits for the process to finish dying, to quote its last words.</summary>
    private static readonly TimeSpan s_exitGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly RunnerClient _client;
    private readonly RunnerOutput _output;
    private readonly DirectoryInfo _socketDirectory;
    private readonly ILogger _logger;
    private readonly Task<int> _exited;
    private int _disposed;

    private RunnerProcess(Process process, DirectoryInfo socketDirectory, string socketPath, ILogger logger)
    {
        _process = process;
        SocketPath = socketPath;
        _socketDirectory = socketDirectory;
        _logger = logger;
        _client = new RunnerClient(socketPath);
        _output = new RunnerOutput(logger, process.Id);
        process.ErrorDataReceived += (_, e) => _output.Add(e.Data);
        process.OutputDataReceived += (_, e) => _output.Add(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _exited = WaitForExitAsync(process);
    }

    public int ProcessId => _process.Id;

    public string SocketPath { get; }

    public Task Exited => _exited;

    /// <summary>Starts the runner and waits until its model is loaded.</summary>
    public static async Task<RunnerProcess> StartAsync(RunnerCommand command, RunnerLaunchOptions options,
        ILogger logger, CancellationToken cancellationToken)
    {
        // A private directory so no other user can connect to the runner's socket (.NET creates it 0700 on Unix).
        var directory = Directory.CreateTempSubdirectory("corral-runner-");
        var socketPath = Path.Combine(directory.FullName, "runner.sock");
        Process process;
        try
        {
            // Never null: UseShellExecute is off, so a process is always created or Start throws.
            process = Process.Start(StartInfo(command, options, socketPath))!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            directory.Delete(recursive: true);
            throw new RunnerLoadException($"could not start the runner process {command.FileName}: {ex.Message}");
        }

        var runner = new RunnerProcess(process, directory, socketPath, logger);
        try
        {
            await runner.WaitUntilLoadedAsync(options.LoadTimeout, cancellationToken);
            return runner;
        }
        catch
        {
            await runner.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<CompletionChunk> CompleteAsync(CompletionRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var chunks = _client.CompleteAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var started = false;
        while (true)
        {
            CompletionChunk? chunk;
            try
            {
                chunk = await chunks.MoveNextAsync() ? chunks.Current : null;
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                var stopped = await StoppedAsync(ex);
                if (!started)
                {
                    throw stopped;
                }

                chunk = new CompletionChunk { Done = true, Error = stopped.Message };
            }

            if (chunk is null)
            {
                yield break;
            }

            started = true;
            yield return chunk;
            if (chunk.Error is not null)
            {
                yield break;
            }
        }
    }

    public Task<EmbeddingResponse> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        GuardAsync(ct => _client.EmbedAsync(request, ct), cancellationToken);

    public Task<TokenizeResponse> TokenizeAsync(TokenizeRequest request, CancellationToken cancellationToken) =>
        GuardAsync(ct => _client.TokenizeAsync(request, ct), cancellationToken);

    public Task<DetokenizeResponse> DetokenizeAsync(DetokenizeRequest request, CancellationToken cancellationToken) =>
        GuardAsync(ct => _client.DetokenizeAsync(request, ct), cancellationToken);

    public Task<RunnerStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        GuardAsync(_client.GetStatusAsync, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await _exited;
        await _client.DisposeAsync();
        _process.Dispose();
        _socketDirectory.Refresh();
        if (_socketDirectory.Exists)
        {
            _socketDirectory.Delete(recursive: true);
        }
    }

    private static ProcessStartInfo StartInfo(RunnerCommand command, RunnerLaunchOptions options, string socketPath)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            // The runner must not read the server's terminal.
            RedirectStandardInput = true,
        };
        foreach (var argument in command.LeadingArguments)
        {
            info.ArgumentList.Add(argument);
        }

        string[] arguments =
        [
            "runner", "--model", options.ModelPath, "--socket", socketPath,
            "--ctx-size", $"{options.ContextSize}", "--parallel", $"{options.Parallel}",
            "--batch-size", $"{options.BatchSize}", "--threads", $"{options.Threads}",
            "--parent-pid", $"{Environment.ProcessId}",
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (options.Embedding)
        {
            info.ArgumentList.Add("--embedding");
        }

        if (options.UseMmap)
        {
            info.ArgumentList.Add("--mmap");
        }

        if (options.ProjectorPath is { } projector)
        {
            info.ArgumentList.Add("--mmproj");
            info.ArgumentList.Add(projector);
        }

        return info;
    }

    private static async Task<int> WaitForExitAsync(Process process)
    {
        // Also waits for the end of stderr, so the last lines are in RunnerOutput when this completes.
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>Polls /status like Ollama's WaitUntilRunning: the stall timer restarts whenever load progress
    /// advances, so a big model loading slowly is not mistaken for a stuck one.</summary>
    private async Task WaitUntilLoadedAsync(TimeSpan loadTimeout, CancellationToken cancellationToken)
    {
        var progress = -1f;
        var stalledSince = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_exited.IsCompleted)
            {
                var tail = _output.Tail;
                throw new RunnerLoadException(
                    $"runner process has terminated: exit code {await _exited}{(tail.Length > 0 ? $": {tail}" : "")}");
            }

            RunnerStatus? status = null;
            try
            {
                status = await _client.GetStatusAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
                // The socket is not listening yet.
            }

            switch (status?.State)
            {
                case "ready":
                    return;
                case "error":
                    throw new RunnerLoadException(status.Error ?? "the runner failed to load the model");
            }

            if (status is not null && status.LoadProgress != progress)
            {
                progress = status.LoadProgress;
                stalledSince = Stopwatch.GetTimestamp();
            }
            else if (loadTimeout > TimeSpan.Zero && Stopwatch.GetElapsedTime(stalledSince) > loadTimeout)
            {
                // Ollama's message (llm/server.go), with the runner's last error line if it printed one.
                throw new RunnerLoadException(
                    $"timed out waiting for llama runner to start - progress {Math.Max(progress, 0):0.00} - {_output.LastError}");
            }

            await Task.WhenAny(Task.Delay(s_pollInterval, cancellationToken), _exited);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<T> GuardAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            throw await StoppedAsync(ex);
        }
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested;

    /// <summary>Like Ollama, any broken connection to the runner reads as "runner stopped"; the detail is the
    /// runner's last error line once the process has finished exiting.</summary>
    private async Task<RunnerStoppedException> StoppedAsync(Exception failure)
    {
        try
        {
            await _exited.WaitAsync(s_exitGrace);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("lost the connection to runner {Pid} but it is still running", _process.Id);
        }

        _logger.LogError(failure, "runner {Pid} stopped while serving a request", _process.Id);
        return new RunnerStoppedException(_output.LastError, failure);
    }
}
