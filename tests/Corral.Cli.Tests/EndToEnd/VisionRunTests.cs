using System.Globalization;
using System.Text.RegularExpressions;
using Corral.Cli.Tests.Infrastructure;
using Corral.Fixtures;
using SkiaSharp;

namespace Corral.Cli.Tests.EndToEnd;

/// <summary>
/// <c>corral run</c> with an image path in the prompt, against a real server and runner loading the fixture model
/// with the fixture tool's real projector (an image is 16 embeddings). A server of its own: the extra model would
/// show up in other classes' listings.
/// </summary>
public sealed partial class VisionRunTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Model = "vis";

    [Fact]
    public async Task AnImagePathInThePromptIsAttachedAndEvaluated()
    {
        var projector = Path.Combine(server.Directory, "mmproj.gguf");
        ProjectorFixtureWriter.Write(projector, new ProjectorShape { ProjectionLength = 64 }, seed: 3);
        var modelfile = Path.Combine(server.Directory, "Modelfile.vis");
        await File.WriteAllTextAsync(modelfile, $"FROM {RepoPaths.TinyModel}\nFROM {projector}\nPARAMETER num_predict 2\n");
        Assert.Equal(0, (await server.RunAsync("create", Model, "-f", modelfile)).ExitCode);
        var image = Path.Combine(server.Directory, "red square.png");
        await File.WriteAllBytesAsync(image, ImageFiles.Gradient(SKEncodedImageFormat.Png, 220, 10));

        var textOnly = await server.RunAsync("run", Model, "--verbose", "Describe it");
        var withImage = await server.RunAsync("run", Model, "--verbose", $"Describe it {image.Replace(" ", "\\ ", StringComparison.Ordinal)}");

        Assert.Equal(0, textOnly.ExitCode);
        Assert.Equal(0, withImage.ExitCode);
        Assert.DoesNotContain("Added image", textOnly.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Added image '{image}'", withImage.Stderr, StringComparison.Ordinal);
        // Same words, plus the image's 16 embeddings (the text-only run left at most BOS in the cache).
        Assert.True(PromptEvalCount(withImage) - PromptEvalCount(textOnly) >= 15,
            $"with image: {PromptEvalCount(withImage)}, text only: {PromptEvalCount(textOnly)}");

        var notAnImage = Path.Combine(server.Directory, "notes.png");
        await File.WriteAllTextAsync(notAnImage, "plain text");
        var refused = await server.RunAsync("run", Model, $"Read {notAnImage}");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("invalid file type: text/plain; charset=utf-8", refused.Stderr, StringComparison.Ordinal);
    }

    private static int PromptEvalCount(CliResult result) =>
        int.Parse(PromptEvalCountLine().Match(result.Stderr).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"prompt eval count:\s+(\d+) token")]
    private static partial Regex PromptEvalCountLine();
}
