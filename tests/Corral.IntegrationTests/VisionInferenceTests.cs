using System.Text.Json;
using Corral.Contracts.Runner;
using Corral.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace Corral.IntegrationTests;

/// <summary>
/// Images answered end to end: the real server, a real runner started with the fixture projector (libmtmd encodes
/// the images), every API that takes images. What the projector did is read from the runner's own
/// <c>/status</c> counters, as deltas, since the test class shares one runner.
/// </summary>
public sealed class VisionInferenceTests(ProjectorModelFixture fixture) : IClassFixture<ProjectorModelFixture>
{
    private const string Question = "What is in the picture?";

    private static readonly int s_tokensPerImage = ProjectorModelFixture.Shape.TokensPerImage;

    private RealServer Server => fixture.Server;

    [Fact]
    public async Task GeneratePromptEvalCountGrowsByTheImageTokensOfOneAndTwoImages()
    {
        // Every prompt starts with BOS and the user header, which the warm-up leaves in the cache, and differs
        // right after it; so each request evaluates all of its prompt but that shared head, and their counts
        // differ by exactly what the images add.
        await GenerateAsync("Hello");
        var text = await GenerateAsync(Question);
        var beforeImages = await fixture.ProjectorRunnerStatusAsync();
        var one = await GenerateAsync(Question, ProjectorModelFixture.Image(SKEncodedImageFormat.Png, 10));
        var afterOne = await fixture.ProjectorRunnerStatusAsync();
        var two = await GenerateAsync(Question,
            ProjectorModelFixture.Image(SKEncodedImageFormat.Png, 20), ProjectorModelFixture.Image(SKEncodedImageFormat.Jpeg, 30));
        var afterTwo = await fixture.ProjectorRunnerStatusAsync();

        Assert.Equal(text + s_tokensPerImage, one);
        Assert.Equal(text + (2 * s_tokensPerImage), two);
        Assert.Equal(1, afterOne.ImagesEncoded - beforeImages.ImagesEncoded);
        Assert.Equal(s_tokensPerImage, afterOne.ImageTokensEvaluated - beforeImages.ImageTokensEvaluated);
        Assert.Equal(2, afterTwo.ImagesEncoded - afterOne.ImagesEncoded);
        Assert.Equal(2 * s_tokensPerImage, afterTwo.ImageTokensEvaluated - afterOne.ImageTokensEvaluated);
    }

    [Fact]
    public async Task TheContextOfAnImageRequestHoldsTextTokensAndCanBeSentBack()
    {
        var (status, body) = await Server.PostJsonAsync("api/generate", JsonSerializer.Serialize(new
        {
            model = ProjectorModelFixture.VisionModel, prompt = Question, stream = false, options = new { num_predict = 2 },
            images = new[] { ProjectorModelFixture.Image(SKEncodedImageFormat.Png, 40) },
        }));
        Assert.True(status == 200, body.GetRawText());
        var context = body.GetProperty("context").EnumerateArray().Select(token => token.GetInt32()).ToList();
        Assert.NotEmpty(context);
        Assert.All(context, token => Assert.True(token >= 0, $"image position {token} in the returned context"));

        (status, body) = await Server.PostJsonAsync("api/generate", JsonSerializer.Serialize(new
        {
            model = ProjectorModelFixture.VisionModel, prompt = "And now?", context, stream = false, options = new { num_predict = 2 },
        }));
        Assert.True(status == 200, body.GetRawText());
    }

    [Fact]
    public async Task ChatEncodesTheTwoImagesOfAMessage()
    {
        var png = ProjectorModelFixture.Image(SKEncodedImageFormat.Png, 60);
        var jpeg = ProjectorModelFixture.Image(SKEncodedImageFormat.Jpeg, 70);
        var before = await StatusOrNullAsync();

        var (status, body) = await ChatAsync($$"""{"role":"user","content":"Compare [img] with this.","images":["{{png}}","{{jpeg}}"]}""");
        var after = await fixture.ProjectorRunnerStatusAsync();

        Assert.Equal(200, status);
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Equal(2, after.ImagesEncoded - (before?.ImagesEncoded ?? 0));
        Assert.Equal(2 * s_tokensPerImage, after.ImageTokensEvaluated - (before?.ImageTokensEvaluated ?? 0));
        Assert.True(body.GetProperty("prompt_eval_count").GetInt32() > 2 * s_tokensPerImage);
    }

    [Fact]
    public async Task ATextFollowUpWithTheImageInItsHistoryDoesNotEncodeItAgain()
    {
        var image = ProjectorModelFixture.Image(SKEncodedImageFormat.Jpeg, 90);
        var firstTurn = $$"""{"role":"user","content":"{{Question}}","images":["{{image}}"]}""";
        var before = await StatusOrNullAsync();

        var (firstStatus, first) = await ChatAsync(firstTurn);
        var afterFirst = await fixture.ProjectorRunnerStatusAsync();
        var answer = JsonSerializer.Serialize(first.GetProperty("message").GetProperty("content").GetString());
        var (secondStatus, second) = await ChatAsync(firstTurn,
            $$"""{"role":"assistant","content":{{answer}}}""", """{"role":"user","content":"And what colour is it?"}""");
        var afterSecond = await fixture.ProjectorRunnerStatusAsync();

        Assert.Equal(200, firstStatus);
        Assert.Equal(200, secondStatus);
        Assert.True(second.GetProperty("done").GetBoolean());
        Assert.Equal(1, afterFirst.ImagesEncoded - (before?.ImagesEncoded ?? 0));
        Assert.Equal(afterFirst.ImagesEncoded, afterSecond.ImagesEncoded);
        Assert.Equal(afterFirst.ImageTokensEvaluated, afterSecond.ImageTokensEvaluated);
        // The follow-up's prompt did hold the image: its cells were taken from the cache, not dropped.
        var cached = afterSecond.PromptTokensReused + afterSecond.PromptTokensShared
            - afterFirst.PromptTokensReused - afterFirst.PromptTokensShared;
        Assert.True(cached > s_tokensPerImage, $"cached {cached}");
        Assert.True(second.GetProperty("prompt_eval_count").GetInt32() < first.GetProperty("prompt_eval_count").GetInt32());
    }

    [Fact]
    public async Task OpenAIChatCompletionsTakesADataUrlImage()
    {
        var image = ProjectorModelFixture.Image(SKEncodedImageFormat.Webp, 120);

        var (status, body, encoded) = await PostCountingImagesAsync("v1/chat/completions", $$"""
            {"model":"seer","max_tokens":2,"messages":[{"role":"user","content":[
              {"type":"text","text":"{{Question}}"},
              {"type":"image_url","image_url":{"url":"data:image/webp;base64,{{image}}"} }]}]}
            """);

        Assert.Equal(200, status);
        Assert.Equal("assistant", body.GetProperty("choices")[0].GetProperty("message").GetProperty("role").GetString());
        Assert.True(body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > s_tokensPerImage);
        Assert.Equal(1, encoded);
    }

    [Fact]
    public async Task AnthropicMessagesTakesABase64ImageBlock()
    {
        var image = ProjectorModelFixture.Image(SKEncodedImageFormat.Jpeg, 150);

        var (status, body, encoded) = await PostCountingImagesAsync("v1/messages", $$"""
            {"model":"seer","max_tokens":2,"messages":[{"role":"user","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"{{image}}"} },
              {"type":"text","text":"{{Question}}"}]}]}
            """);

        Assert.Equal(200, status);
        Assert.Equal("message", body.GetProperty("type").GetString());
        Assert.True(body.GetProperty("usage").GetProperty("input_tokens").GetInt32() > s_tokensPerImage);
        Assert.Equal(1, encoded);
    }

    /// <summary>Posts a request and counts the images the projector runner encoded for it.</summary>
    private async Task<(int Status, JsonElement Body, long Encoded)> PostCountingImagesAsync(string path, string json)
    {
        var before = await StatusOrNullAsync();
        var (status, body) = await Server.PostJsonAsync(path, json);
        var after = await fixture.ProjectorRunnerStatusAsync();
        return (status, body, after.ImagesEncoded - (before?.ImagesEncoded ?? 0));
    }

    /// <summary>A non-streamed generate of <see cref="ProjectorModelFixture.VisionModel"/> that must succeed; returns its prompt_eval_count.</summary>
    private async Task<int> GenerateAsync(string prompt, params string[] images)
    {
        var (status, body) = await Server.PostJsonAsync("api/generate", JsonSerializer.Serialize(new
        {
            model = ProjectorModelFixture.VisionModel, prompt, images, stream = false, options = new { num_predict = 2 },
        }));
        Assert.True(status == 200, body.GetRawText());
        return body.GetProperty("prompt_eval_count").GetInt32();
    }

    private Task<(int Status, JsonElement Body)> ChatAsync(params string[] messages) =>
        Server.PostJsonAsync("api/chat",
            $$"""{"model":"seer","stream":false,"options":{"num_predict":4},"messages":[{{string.Join(',', messages)}}]}""");

    /// <summary>The projector runner's status, or null before the first request of the class has loaded it.</summary>
    private async Task<RunnerStatus?> StatusOrNullAsync() =>
        RunnerProcessInfo.InStore(Server.StorePath).Any(r => r.ProjectorPath is not null) ? await fixture.ProjectorRunnerStatusAsync() : null;
}
