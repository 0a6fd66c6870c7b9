using System.Text.Json.Nodes;
using Corral.Fixtures;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests;

/// <summary>
/// The API side of vision on the real server and store: a model created from a model GGUF plus a projector GGUF
/// (<c>clip</c> architecture, written by the fixture GGUF writer) shows <c>vision</c> and <c>projector_info</c>;
/// a model without a projector refuses images with Ollama's message and keeps answering text with its real runner.
/// Images through a real projector need the engine's libmtmd side (the runner's <c>--mmproj</c>).
/// </summary>
public sealed class VisionApiTests(VisionApiTests.Fixture fixture) : IClassFixture<VisionApiTests.Fixture>
{
    private const string NoVision = "this model is missing data required for image input";

    private RealServer Server => fixture.Server;

    [Fact]
    public async Task ShowReportsVisionAndTheProjectorsMetadata()
    {
        var (status, show) = await Server.PostJsonAsync("api/show", """{"model":"seer"}""");

        Assert.Equal(200, status);
        Assert.Contains("vision", show.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        var projector = show.GetProperty("projector_info");
        Assert.Equal("clip", projector.GetProperty("general.architecture").GetString());
        Assert.Equal("tiny projector", projector.GetProperty("general.name").GetString());
        Assert.Equal(16, projector.GetProperty("general.parameter_count").GetInt64());
        Assert.Equal("llama", show.GetProperty("model_info").GetProperty("general.architecture").GetString());
        var modelfileFroms = show.GetProperty("modelfile").GetString()!.Split('\n').Where(line => line.StartsWith("FROM ", StringComparison.Ordinal));
        Assert.Equal(2, modelfileFroms.Count());
    }

    [Theory]
    [InlineData("api/generate", """{"model":"tiny","prompt":"look","images":["iVBORw0KGgo="]}""")]
    [InlineData("api/chat", """{"model":"tiny","messages":[{"role":"user","content":"look","images":["iVBORw0KGgo="]}]}""")]
    [InlineData("v1/chat/completions",
        """{"model":"tiny","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]}""")]
    public async Task AModelWithoutAProjectorRefusesImagesAndKeepsServingText(string path, string json)
    {
        var (status, body) = await Server.PostJsonAsync(path, json);

        Assert.Equal(400, status);
        Assert.Contains(NoVision, body.GetRawText());
        var (textStatus, text) = await Server.PostJsonAsync("api/generate",
            """{"model":"tiny","prompt":"hello","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(200, textStatus);
        Assert.True(text.GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task ARefusalFromTheRealRunnerReachesTheClientAsA400WithItsText()
    {
        // Today's real runner refuses a prompt longer than the context when truncate is off; an image it cannot
        // decode takes the same way back (runner 400 -> RunnerClient -> CompletionStreaming).
        var prompt = string.Join(' ', Enumerable.Repeat("word", 600));

        var (status, body) = await Server.PostJsonAsync("api/generate",
            $$"""{"model":"tiny","prompt":"{{prompt}}","truncate":false,"shift":false,"stream":false}""");

        Assert.Equal(400, status);
        Assert.StartsWith("the prompt is longer than the context length", body.GetProperty("error").GetString());
    }

    public sealed class Fixture : ModelFixture
    {
        protected override async Task CreateModelsAsync(RealServer server)
        {
            var directory = Directory.CreateTempSubdirectory("corral-it-projector-");
            try
            {
                var projector = Path.Combine(directory.FullName, "mmproj.gguf");
                GgufWriter.Write(projector,
                    [new("general.architecture", "clip"), new("general.name", "tiny projector"), new("clip.projector_type", "mlp")],
                    [new GgufTensor("mm.0.weight", TensorType.F32, [4, 4], (values, _) => values.Fill(0.5f))]);
                var files = new JsonObject
                {
                    ["model.gguf"] = await server.UploadBlobAsync(TestPaths.Llama3Fixture),
                    ["mmproj.gguf"] = await server.UploadBlobAsync(projector),
                };
                await RealServer.CreateAsync(server.Client, new JsonObject { ["model"] = "seer", ["files"] = files });
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }
    }
}
