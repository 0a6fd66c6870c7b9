using System.Diagnostics;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// The real <c>corral quantize ... --parent-pid N</c> child stops when N dies, so a server killed mid-create does not
/// leave a quantizer writing into its store (the crash tests restart the server on that store).
/// </summary>
public sealed class QuantizerParentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("corral-quantize-parent-").FullName;

    [Fact]
    public async Task QuantizerExitsWhenItsParentDies()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        var info = new ProcessStartInfo(RealServer.RunnerCommand.FileName) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in RealServer.RunnerCommand.LeadingArguments.Concat(
                     ["quantize", TestPaths.Llama3Fixture, Path.Combine(_directory, "out.gguf"), "q4_K_M", "--parent-pid", $"{parent.Id}"]))
        {
            info.ArgumentList.Add(argument);
        }
        using var quantizer = Process.Start(info)!;
        var errors = quantizer.StandardError.ReadToEndAsync();

        parent.Kill();
        await parent.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await quantizer.WaitForExitAsync(timeout.Token);

        Assert.Equal(3, quantizer.ExitCode);
        Assert.Contains($"parent process {parent.Id} is gone", await errors);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
