using System.Diagnostics;
using System.Text;

namespace Corral.IntegrationTests.Infrastructure;

/// <summary>
/// The real <c>corral serve</c> executable (<c>dotnet corral.dll serve</c>) as a child process on 127.0.0.1 port 0
/// with its own OLLAMA_MODELS and HOME, for tests that must kill -9 the server or read its memory from /proc.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private const string Listening = "Listening on ";
    private readonly Process _process;
    private readonly StringBuilder _log;

    private ServeProcess(Process process, StringBuilder log, Uri address)
    {
        _process = process;
        _log = log;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public int Pid => _process.Id;

    public HttpClient Client { get; }

    /// <summary>What the server wrote to stderr so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// How to run <c>corral serve</c> on 127.0.0.1 port 0 (it prints the port it got) with <paramref name="modelsPath"/>
    /// as OLLAMA_MODELS; <paramref name="environment"/> adds variables. Standard streams are redirected.
    /// </summary>
    public static ProcessStartInfo StartInfo(string modelsPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(RealServer.RunnerCommand.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in RealServer.RunnerCommand.LeadingArguments.Append("serve"))
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["OLLAMA_HOST"] = "127.0.0.1:0";
        info.Environment["OLLAMA_MODELS"] = modelsPath;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        return info;
    }

    /// <summary>Starts <c>corral serve</c> on <paramref name="modelsPath"/> with HOME beside it; <paramref name="environment"/> adds OLLAMA_* settings.</summary>
    public static async Task<ServeProcess> StartAsync(string modelsPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = StartInfo(modelsPath, environment);
        info.Environment["HOME"] = Path.GetDirectoryName(modelsPath)!;
        var process = Process.Start(info) ?? throw new InvalidOperationException("corral serve did not start");
        process.StandardInput.Close();
        _ = process.StandardOutput.ReadToEndAsync();
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                address.TrySetException(new InvalidOperationException($"corral serve exited before listening:\n{log}"));
                return;
            }
            lock (log)
            {
                log.AppendLine(e.Data);
            }
            // "Listening on 127.0.0.1:PORT (version X)"
            if (e.Data.StartsWith(Listening, StringComparison.Ordinal))
            {
                address.TrySetResult(new Uri($"http://{e.Data[Listening.Length..].Split(' ')[0]}/"));
            }
        };
        process.BeginErrorReadLine();
        try
        {
            return new ServeProcess(process, log, await address.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL to the server alone: no shutdown code runs, its runners notice the parent is gone by themselves.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
