using Corral.Native;
using Corral.Store.Gguf;

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
        using var model = SafeLlamaModelHandle.LoadFromFile(VocabularySource.Path, null, CancellationToken.None);
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
        using var model = SafeLlamaModelHandle.LoadFromFile(VocabularySource.Path, null, CancellationToken.None);
        var error = Assert.Throws<InvalidOperationException>(() => SafeMtmdContextHandle.Create(model, path, "<__media__>", threads: 1));

        Assert.Contains("mismatch between text model (n_embd = 64) and mmproj (n_embd = 96)", error.Message);
    }
}
