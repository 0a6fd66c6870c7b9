using System.Runtime.Versioning;
using Corral.Contracts.Runner;
using Corral.Fixtures;
using Corral.Server.Runners;
using SkiaSharp;

namespace Corral.Runner.Tests;

/// <summary>
/// The real <c>corral runner</c> process started with <c>--mmproj</c> (the fixture tool's projector for the shared
/// 64-wide text model): images travel base64 in the completion request, are encoded by libmtmd in the child
/// process, and a bad image comes back as a 400 that the server's client turns into an ArgumentException.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class VisionRunnerTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("corral-vision-runner-");

    [Fact]
    public async Task RealRunnerWithMmprojAnswersImageRequestsAndRefusesBrokenImagesWith400()
    {
        var projector = Path.Combine(_directory.FullName, "mmproj.gguf");
        ProjectorFixtureWriter.Write(projector, new ProjectorShape { ProjectionLength = 64 });
        // The runner arguments RunnerProcess passes, then the projector option the server adds for vision models.
        var command = RunnerCommands.Bash(
            $"exec '{RunnerCommands.Corral.FileName}' '{RunnerCommands.Corral.LeadingArguments[0]}' \"$@\" --mmproj '{projector}'");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var image = ImageFiles.Gradient(SKEncodedImageFormat.Png, 10, 20);
        await using var runner = await RunnerProcess.StartAsync(command,
            new RunnerLaunchOptions { ModelPath = TextModelPath(), ContextSize = 256, BatchSize = 64, Threads = 1 },
            new ListLogger(), timeout.Token);
        var request = new CompletionRequest
        {
            Prompt = "USER: [img-0] What is this?\nASSISTANT:", Images = [image], NumPredict = 4,
            Sampling = new SamplingParams { Temperature = 0 },
        };

        var final = (await runner.CompleteAsync(request, timeout.Token).ToListAsync(timeout.Token))[^1];
        var status = await runner.GetStatusAsync(timeout.Token);
        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await runner.CompleteAsync(request with { Images = [image[..(image.Length / 2)]] }, timeout.Token).ToListAsync(timeout.Token));

        Assert.Null(final.Error);
        Assert.Equal(4, final.EvalCount);
        Assert.Equal(1, status.ImagesEncoded);
        Assert.Equal(new ProjectorShape().TokensPerImage, status.ImageTokensEvaluated);
        Assert.True(final.PromptEvalCount > status.ImageTokensEvaluated, $"prompt_eval_count {final.PromptEvalCount}");
        // Half a PNG: the header reads, the pixels do not.
        Assert.StartsWith("image 0 could not be decoded: ", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);

    /// <summary>The shared 64-wide Llama-3 fixture (../shared/models next to the repository).</summary>
    private static string TextModelPath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Corral.slnx")))
        {
            root = root.Parent ?? throw new InvalidOperationException("Corral.slnx not found above the test binaries");
        }

        return Path.Combine(root.FullName, "..", "shared", "models", "rand-tiny-f16.gguf");
    }
}
