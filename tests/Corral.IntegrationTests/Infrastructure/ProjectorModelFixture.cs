using System.Text.Json.Nodes;
using Corral.Contracts.Runner;
using Corral.Fixtures;
using Corral.Server.Runners;
using SkiaSharp;

namespace Corral.IntegrationTests.Infrastructure;

/// <summary>
/// <see cref="ModelFixture"/> plus <see cref="VisionModel"/>: the Llama-3 fixture with the fixture tool's real
/// LLaVA-style projector (<see cref="ProjectorFixtureWriter"/>, loaded by libmtmd in the runner), created as a
/// user would: both GGUFs uploaded as blobs, then /api/create with both in <c>files</c>.
/// </summary>
public class ProjectorModelFixture : ModelFixture
{
    /// <summary>The model with a projector.</summary>
    public const string VisionModel = "seer";

    // A Llama-3 chat layout, so a follow-up turn's prompt starts with the previous turn's prompt.
    private const string Template = """
        {{- range .Messages }}<|start_header_id|>{{ .Role }}<|end_header_id|>

        {{ .Content }}<|eot_id|>
        {{- end }}<|start_header_id|>assistant<|end_header_id|>


        """;

    /// <summary>The projector's shape: 64 wide like the text model.</summary>
    public static ProjectorShape Shape { get; } = new() { ProjectionLength = 64 };

    /// <summary>A gradient image of the given colour in <paramref name="format"/>, base64 as the APIs take it.</summary>
    public static string Image(SKEncodedImageFormat format, byte red, byte green = 40) =>
        Convert.ToBase64String(ImageFiles.Gradient(format, red, green));

    /// <summary>The status of the runner that loaded the projector (engine counters: images encoded...).</summary>
    public async Task<RunnerStatus> ProjectorRunnerStatusAsync()
    {
        var runner = Assert.Single(RunnerProcessInfo.InStore(Server.StorePath), r => r.ProjectorPath is not null);
        await using var client = new RunnerClient(runner.SocketPath);
        return await client.GetStatusAsync(CancellationToken.None);
    }

    protected override async Task CreateModelsAsync(RealServer server)
    {
        var directory = Directory.CreateTempSubdirectory("corral-it-projector-");
        try
        {
            var projector = Path.Combine(directory.FullName, "mmproj.gguf");
            ProjectorFixtureWriter.Write(projector, Shape);
            var files = new JsonObject
            {
                ["model.gguf"] = await server.UploadBlobAsync(TestPaths.Llama3Fixture),
                ["mmproj.gguf"] = await server.UploadBlobAsync(projector),
            };
            // Chat history reserves 768 tokens per image, as Ollama's does, so one image in history needs more
            // than the small context the text-only fixtures load with.
            await RealServer.CreateAsync(server.Client, new JsonObject
            {
                ["model"] = VisionModel, ["files"] = files, ["template"] = Template,
                ["parameters"] = new JsonObject { ["num_ctx"] = 2048 },
            });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
