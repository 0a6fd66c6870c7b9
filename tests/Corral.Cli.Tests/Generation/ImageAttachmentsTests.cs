using Corral.Cli.Generation;
using Corral.Fixtures;
using SkiaSharp;

namespace Corral.Cli.Tests.Generation;

/// <summary>Ollama's rules for image paths in a prompt, on real files.</summary>
public sealed class ImageAttachmentsTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("corral-attach-");

    [Fact]
    public async Task AnExistingImageIsAttachedAnnouncedAndCutFromThePrompt()
    {
        var png = Write("cat pic.png", ImageFiles.Gradient(SKEncodedImageFormat.Png, 10, 20));
        var jpeg = Write("b.jpeg", ImageFiles.Gradient(SKEncodedImageFormat.Jpeg, 30, 40));
        var stderr = new StringWriter();

        var (text, images) = await ImageAttachments.ExtractAsync(
            $"compare {png.Replace(" ", "\\ ", StringComparison.Ordinal)} with '{jpeg}' please", stderr, CancellationToken.None);

        Assert.Equal("compare  with  please", text);
        Assert.Equal([File.ReadAllBytes(png), File.ReadAllBytes(jpeg)], images);
        Assert.Equal($"Added image '{png}'\nAdded image '{jpeg}'\n", stderr.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task PathsThatDoNotExistOrAreNotRootedStayText()
    {
        Write("here.png", ImageFiles.Gradient(SKEncodedImageFormat.Png, 1, 2));
        var stderr = new StringWriter();
        var prompt = $"is {_directory.FullName}/missing.png there? and here.png?";

        var (text, images) = await ImageAttachments.ExtractAsync(prompt, stderr, CancellationToken.None);

        Assert.Equal(prompt, text);
        Assert.Empty(images);
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public async Task AFileThatIsNotAnImageIsReportedAsOllamaDoes()
    {
        var fake = Write("notes.png", "just text"u8.ToArray());
        var stderr = new StringWriter();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ImageAttachments.ExtractAsync($"read {fake}", stderr, CancellationToken.None));

        Assert.Equal("invalid file type: text/plain; charset=utf-8", error.Message);
        Assert.Equal("Couldn't process file: \"invalid file type: text/plain; charset=utf-8\"\n", stderr.ToString().ReplaceLineEndings("\n"));
        Assert.True(ImageAttachments.IsFileProblem(error));
    }

    [Fact]
    public void WebpIsFoundAndOtherExtensionsAreNot()
    {
        Assert.Equal(["/a/b.WEBP", "./c.jpg"], ImageAttachments.FindPaths("x /a/b.WEBP y ./c.jpg z /d/e.gif /f/g.pngx"));
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
