using Corral.Fixtures;
using Corral.Native;

namespace Corral.Engine.Tests;

/// <summary>
/// The shared 64-wide Llama-3 fixture with a vision projector the fixture tool writes (tools/Corral.Fixtures,
/// a real LLaVA-style CLIP + MLP that libmtmd loads; an image becomes 16 embeddings). Tests load runners of their
/// own: the image counters they assert must start at zero.
/// </summary>
public sealed class VisionModelFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("corral-vision-").FullName;

    public VisionModelFixture()
    {
        ProjectorPath = Path.Combine(_directory, "mmproj.gguf");
        ProjectorFixtureWriter.Write(ProjectorPath, new ProjectorShape { ProjectionLength = 64 }, seed: 3);
    }

    public string ProjectorPath { get; }

    public int TokensPerImage => new ProjectorShape().TokensPerImage;

    public Task<LlamaModelRunner> LoadAsync(int parallel = 2)
    {
        LlamaBackend.LogSink = null;
        return LlamaModelRunner.LoadAsync(
            new EngineOptions
            {
                ModelPath = Llama3ModelFixture.ModelPath, ProjectorPath = ProjectorPath, ContextLength = 256,
                Parallel = parallel, BatchSize = 64, Threads = 1,
            },
            null, CancellationToken.None);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
