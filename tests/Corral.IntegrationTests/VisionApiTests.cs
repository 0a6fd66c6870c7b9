using Corral.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace Corral.IntegrationTests;

/// <summary>
/// The API side of vision on the real server, store and runner: a model created from the Llama-3 fixture plus the
/// fixture tool's real projector shows <c>vision</c> and <c>projector_info</c>; images the runner cannot use are
/// 400s with its reason and the same runner keeps answering; a model without a projector refuses images with
/// Ollama's message and keeps answering text.
/// </summary>
public sealed class VisionApiTests(ProjectorModelFixture fixture) : IClassFixture<ProjectorModelFixture>
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
        Assert.Equal("corral-projector-fixture-64", projector.GetProperty("general.name").GetString());
        Assert.Equal("mlp", projector.GetProperty("clip.projector_type").GetString());
        Assert.True(projector.GetProperty("clip.has_vision_encoder").GetBoolean());
        Assert.Equal(ProjectorModelFixture.Shape.ImageSize, projector.GetProperty("clip.vision.image_size").GetInt32());
        Assert.Equal(ProjectorModelFixture.Shape.PatchSize, projector.GetProperty("clip.vision.patch_size").GetInt32());
        Assert.Equal(64, projector.GetProperty("clip.vision.projection_dim").GetInt32());
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
    public async Task BytesThatAreNoImageAreA400WithTheRunnersReasonAndTheRunnerKeepsAnsweringImages()
    {
        var notAnImage = Convert.ToBase64String("plain text, not a picture"u8.ToArray());

        var (status, body) = await Server.PostJsonAsync("api/generate", Generate("What is this?", notAnImage));
        var (chatStatus, chat) = await Server.PostJsonAsync("api/chat", $$"""
            {"model":"seer","stream":false,"options":{"num_predict":2},"messages":[
              {"role":"user","content":"What is this?","images":["{{ProjectorModelFixture.Image(SKEncodedImageFormat.Png, 1)}}","{{notAnImage}}"]}]}
            """);
        var (validStatus, valid) = await Server.PostJsonAsync("api/generate",
            Generate("What is this?", ProjectorModelFixture.Image(SKEncodedImageFormat.Png, 2)));

        Assert.Equal(400, status);
        Assert.Equal("image 0 is not a readable image (PNG, JPEG or WebP expected)", body.GetProperty("error").GetString());
        Assert.Equal(400, chatStatus);
        Assert.Equal("image 1 is not a readable image (PNG, JPEG or WebP expected)", chat.GetProperty("error").GetString());
        Assert.Equal(200, validStatus);
        Assert.True(valid.GetProperty("done").GetBoolean());
        Assert.True(valid.GetProperty("prompt_eval_count").GetInt32() > ProjectorModelFixture.Shape.TokensPerImage);
    }

    [Fact]
    public async Task InvalidBase64IsA400BeforeTheRunner()
    {
        var (status, body) = await Server.PostJsonAsync("api/generate", Generate("What is this?", "not base64!"));

        Assert.Equal(400, status);
        Assert.StartsWith("illegal base64 data at input byte", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ARawPromptNamingAnImageTheRequestDoesNotHaveIsA400()
    {
        var image = ProjectorModelFixture.Image(SKEncodedImageFormat.Png, 3);

        var (status, body) = await Server.PostJsonAsync("api/generate",
            $$"""{"model":"seer","raw":true,"stream":false,"prompt":"[img-3] What is this?","images":["{{image}}"]}""");
        var (validStatus, _) = await Server.PostJsonAsync("api/generate",
            $$"""{"model":"seer","raw":true,"stream":false,"prompt":"[img-0] What is this?","options":{"num_predict":2},"images":["{{image}}"]}""");

        Assert.Equal(400, status);
        Assert.Equal("invalid image index: 3", body.GetProperty("error").GetString());
        Assert.Equal(200, validStatus);
    }

    private static string Generate(string prompt, string image) =>
        $$"""{"model":"seer","prompt":"{{prompt}}","stream":false,"options":{"num_predict":2},"images":["{{image}}"]}""";
}
