using System.Diagnostics;
using System.Globalization;
using Corral.Server.Runners;
using Corral.Store;
using Corral.Store.Create;

namespace Corral.Server.Wiring;

/// <summary>
/// Quantizes in a child <c>corral quantize IN OUT TYPE</c> process (the same executable as the runners), so the
/// server never loads llama.cpp. A failure is a 500 with the child's message; cancelling kills the child, and the
/// child stops by itself when the server dies.
/// </summary>
public sealed class ProcessQuantizer(RunnerCommand command) : IQuantizer
{
    public async Task QuantizeAsync(string srcPath, string dstPath, string type, IProgress<QuantizeProgress>? progress, CancellationToken ct)
    {
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in command.LeadingArguments.Concat(["quantize", srcPath, dstPath, type, "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]))
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info)
            ?? throw new StoreException(500, $"could not start {command.FileName} to quantize");
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await output;
        if (process.ExitCode != 0)
        {
            var message = (await errors).Trim().Split('\n').LastOrDefault(line => line.Trim().Length > 0)?.Trim();
            throw new StoreException(500, $"quantization to {type} failed: {message ?? $"exit code {process.ExitCode}"}");
        }
    }
}
