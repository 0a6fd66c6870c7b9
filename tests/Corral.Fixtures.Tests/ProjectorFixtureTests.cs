using Corral.Contracts.Runner;
using Corral.Engine;
using Corral.Native;
using Corral.Store.Gguf;
using SkiaSharp;

namespace Corral.Fixtures.Tests;

/// <summary>The projector fixture is loaded by the real libmtmd (clip.cpp) for the shared 64-wide text model.</summary>
public sealed class ProjectorFixtureTests
{
    [Fact]
    public void CommandWritesAProjectorThatLibmtmdLoadsForTheTextModel()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("mmproj.gguf");

        FixtureCommand.Run(["--mmproj", path, "--n-embd", "64"]);

        var file = GgufReader.Read(path);
        Assert.Equal("mlp", file.Metadata["clip.projector_type"]);
        Assert.Equal(64u, file.Metadata["clip.vision.projection_dim"]);
        LlamaBackend.LogSink = null;
        using var model = SafeLlamaModelHandle.LoadFromFile(VocabularySource.Path, mapFile: true, null, CancellationToken.None);
        using var projector = SafeMtmdContextHandle.Create(model, path, "<__media__>", threads: 1);
        Assert.Equal(1, MtmdApi.SupportVision(projector.DangerousGetHandle()));
        Assert.Equal(0, MtmdApi.DecodeUseMrope(projector.DangerousGetHandle()));
    }

    [Fact]
    public void ProjectorOfAnotherWidthIsRefusedWithLibmtmdsReason()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("mmproj.gguf");
        ProjectorFixtureWriter.Write(path, new ProjectorShape { ProjectionLength = 96 });

        LlamaBackend.LogSink = null;
        using var model = SafeLlamaModelHandle.LoadFromFile(VocabularySource.Path, mapFile: true, null, CancellationToken.None);
        var error = Assert.Throws<InvalidOperationException>(() => SafeMtmdContextHandle.Create(model, path, "<__media__>", threads: 1));

        Assert.Contains("mismatch between text model (n_embd = 64) and mmproj (n_embd = 96)", error.Message);
    }

    [Fact]
    public async Task CommandWritesAModelAndItsProjectorThatAnswerAnImageTogether()
    {
        using var directory = new TemporaryDirectory();
        var model = directory.File("model.gguf");
        var projector = directory.File("mmproj.gguf");

        FixtureCommand.Run(["--vocab", VocabularySource.Path, "--out", model, "--mmproj", projector, "--n-embd", "32", "--n-head", "2", "--n-head-kv", "2"]);

        LlamaBackend.LogSink = null;
        await using var runner = await LlamaModelRunner.LoadAsync(
            new EngineOptions { ModelPath = model, ProjectorPath = projector, ContextLength = 128, Parallel = 1, BatchSize = 64, Threads = 1 },
            null, CancellationToken.None);
        CompletionChunk? final = null;
        await foreach (var chunk in runner.CompleteAsync(
            new CompletionRequest { Prompt = "[img-0] What is it?", Images = [ImageFiles.Gradient(SKEncodedImageFormat.Png, 10, 20)], Sampling = Engine.Greedy, NumPredict = 3 }, CancellationToken.None))
        {
            final = chunk;
        }

        Assert.Null(final!.Error);
        Assert.Equal(3, final.EvalCount);
        Assert.Equal(1, (await runner.GetStatusAsync(CancellationToken.None)).ImagesEncoded);
    }

    [Fact]
    public void CommandWithAProjectorAndNoModelOutputOrABadModelShapeWritesNothing()
    {
        using var directory = new TemporaryDirectory();
        var projector = directory.File("mmproj.gguf");

        Assert.Throws<ArgumentException>(() => FixtureCommand.Run(["--vocab", VocabularySource.Path, "--mmproj", projector]));
        Assert.Throws<ArgumentException>(() => FixtureCommand.Run(
            ["--vocab", VocabularySource.Path, "--out", directory.File("model.gguf"), "--mmproj", projector, "--n-head", "3"]));

        Assert.Empty(Directory.GetFiles(directory.Path));
    }
}
