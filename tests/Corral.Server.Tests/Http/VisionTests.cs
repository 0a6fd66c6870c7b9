using System.Net;
using System.Text.Json;
using Corral.Contracts.Runner;
using Corral.Server.Tests.Fakes;
using Corral.Server.Wiring;

namespace Corral.Server.Tests.Http;

/// <summary>
/// Images from every API reach the runner as Ollama's <c>[img-N]</c> tags plus exactly the images those tags name,
/// rendered with the real templates (reference section 7, "Images"); the fake runner records what it was sent.
/// </summary>
public sealed class VisionTests
{
    // AQID = {1,2,3}, BAUG = {4,5,6}, BwgJ = {7,8,9}: distinct bytes so the order the runner gets is visible.
    private static readonly byte[] s_first = [1, 2, 3];
    private static readonly byte[] s_second = [4, 5, 6];
    private static readonly byte[] s_third = [7, 8, 9];

    private static async Task<ServerHarness> StartAsync(string template = ChatTemplate)
    {
        var server = await ServerHarness.StartAsync(renderer: new TemplatePromptRenderer(new TemplateCache()));
        server.Catalog.Add("seer", "completion", "vision");
        server.Catalog.Replace("seer", model => model with { ProjectorPaths = ["/blobs/seer-mmproj"], Template = template });
        return server;
    }

    private const string ChatTemplate = "{{ range .Messages }}<{{ .Role }}>{{ .Content }}{{ end }}";

    // Posts a request that must succeed and checks the prompt and images the runner was sent.
    private static async Task AssertSentAsync(string path, string json, string prompt, byte[][] images, string template = ChatTemplate)
    {
        await using var server = await StartAsync(template);
        var response = await server.PostAsync(path, json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(server.Runners.Last.Requests);
        Assert.Equal(prompt, sent.Prompt);
        Assert.Equal(images, sent.Images);
    }

    [Fact]
    public async Task GenerateSendsItsImagesInTagOrder()
    {
        // The first image takes the placeholder; the second, with no placeholder left, is prefixed, so it comes first.
        await AssertSentAsync("/api/generate",
            """{"model":"seer","prompt":"compare [img] with this","images":["AQID","BAUG"],"stream":false}""",
            "<user>[img-0]compare [img-1] with this", [s_second, s_first]);
    }

    [Fact]
    public async Task ChatSendsTheImagesOfItsHistoryInTagOrder()
    {
        await AssertSentAsync("/api/chat", """
            {"model":"seer","stream":false,"messages":[
              {"role":"user","content":"what is this","images":["AQID"]},
              {"role":"assistant","content":"a cat"},
              {"role":"user","content":"and these [img] [img]?","images":["BAUG","BwgJ"]}]}
            """,
            "<user>[img-0]what is this<assistant>a cat<user>and these [img-1] [img-2]?", [s_first, s_second, s_third]);
    }

    [Fact]
    public async Task ImagesOfMessagesDroppedToFitTheContextAreNotSent()
    {
        await using var server = await StartAsync();

        // Each image counts 768 tokens for a model with a projector (Ollama's chatPrompt): both do not fit 1000.
        var response = await server.PostAsync("/api/chat", """
            {"model":"seer","stream":false,"options":{"num_ctx":1000},"messages":[
              {"role":"user","content":"old","images":["AQID"]},
              {"role":"assistant","content":"x"},
              {"role":"user","content":"new","images":["BAUG"]}]}
            """);

        Assert.Equal("1", response.Headers.GetValues("X-Corral-Truncated-Messages").Single());
        var sent = Assert.Single(server.Runners.Last.Requests);
        Assert.Equal("<assistant>x<user>[img-0]new", sent.Prompt);
        Assert.Equal([s_second], sent.Images);
    }

    [Fact]
    public async Task OnlyImagesWhoseTagsTheTemplatePrintsAreSentRenumbered()
    {
        // A template that never prints system messages: the system image's tag is gone, so is the image.
        await AssertSentAsync("/api/chat", """
            {"model":"seer","stream":false,"messages":[
              {"role":"system","content":"s","images":["AQID"]},
              {"role":"user","content":"u","images":["BAUG"]}]}
            """,
            "<user>[img-0]u", [s_second], template: "{{ range .Messages }}{{ if ne .Role \"system\" }}<{{ .Role }}>{{ .Content }}{{ end }}{{ end }}");
    }

    [Fact]
    public async Task RawPromptsNameTheRequestImagesByTheirOwnTags()
    {
        // Renumbered in order of appearance; the unnamed third image stays home; a tag naming no image is left for
        // the runner to refuse.
        await AssertSentAsync("/api/generate",
            """{"model":"seer","raw":true,"prompt":"B [img-1] A [img-0] B again [img-1] none [img-7]","images":["AQID","BAUG","BwgJ"],"stream":false}""",
            "B [img-0] A [img-1] B again [img-0] none [img-7]", [s_second, s_first]);
    }

    [Fact]
    public async Task ARequestTemplateGetsNoImageTagsAsInOllamasLegacyFlow()
    {
        await AssertSentAsync("/api/generate",
            """{"model":"seer","template":"{{ range .Messages }}{{ .Content }}{{ end }}","prompt":"look","images":["AQID"],"stream":false}""",
            "look", []);
    }

    [Fact]
    public async Task DebugRenderCountsTheImagesTheRunnerWouldGet()
    {
        await using var server = await StartAsync();

        var response = await server.PostAsync("/api/generate",
            """{"model":"seer","prompt":"look","images":["AQID","BAUG"],"_debug_render_only":true}""");

        var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("_debug_info");
        Assert.Equal("<user>[img-0][img-1]look", info.GetProperty("rendered_template").GetString());
        Assert.Equal(2, info.GetProperty("image_count").GetInt32());
    }

    [Fact]
    public async Task OpenAIDataUrlPartsBecomeImages()
    {
        // Ollama makes each part its own user message; the template sees them collated into one.
        await AssertSentAsync("/v1/chat/completions", """
            {"model":"seer","messages":[{"role":"user","content":[
              {"type":"text","text":"what is this"},
              {"type":"image_url","image_url":{"url":"data:image/png;base64,AQID"}},
              {"type":"image_url","image_url":"data:image/jpeg;base64,BAUG"}]}]}
            """,
            "<user>what is this\n\n[img-0]\n\n[img-1]", [s_first, s_second]);
    }

    [Fact]
    public async Task AnthropicImageBlocksBecomeImages()
    {
        await AssertSentAsync("/v1/messages", """
            {"model":"seer","max_tokens":10,"messages":[{"role":"user","content":[
              {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},
              {"type":"text","text":"what is this"},
              {"type":"image","source":{"type":"base64","media_type":"image/jpeg","data":"BAUG"}}]}]}
            """,
            "<user>[img-0][img-1]what is this", [s_first, s_second]);
    }

    [Theory]
    [InlineData("/api/generate", """{"model":"tiny","prompt":"look","images":["AQID"]}""")]
    [InlineData("/api/chat", """{"model":"tiny","messages":[{"role":"user","content":"old","images":["AQID"]},{"role":"user","content":"look"}]}""")]
    public async Task AModelWithoutAProjectorRefusesImagesWithOllamasMessage(string path, string json)
    {
        await using var server = await StartAsync();

        var response = await server.PostAsync(path, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"error":"this model is missing data required for image input"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(server.Runners.Loads);
    }

    [Theory]
    [InlineData("/api/generate", """{"model":"seer","prompt":"look","images":["AQID","not base64!"]}""", 3)]
    [InlineData("/api/chat", """{"model":"seer","messages":[{"role":"user","content":"look","images":["AQI"]}]}""", 0)]
    [InlineData("/api/chat", """{"model":"seer","messages":[{"role":"user","content":"look","images":["AQ=x"]}]}""", 2)]
    [InlineData("/api/generate", """{"model":"seer","prompt":"look","images":["AQI=BAUG"]}""", 4)]
    public async Task InvalidBase64IsA400WithGosDecoderErrorBeforeAnythingLoads(string path, string json, int offset)
    {
        await using var server = await StartAsync();

        var response = await server.PostAsync(path, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal($$"""{"error":"illegal base64 data at input byte {{offset}}"}""", await response.Content.ReadAsStringAsync());
        Assert.Empty(server.Runners.Loads);
    }

    [Fact]
    public async Task TheRunnersRefusalOfAnImageIsRelayedAs400WithItsMessage()
    {
        await using var server = await StartAsync();
        // RunnerClient turns a runner's 400 answer into ArgumentException, as the in-process engine throws it.
        server.Runners.Configure = runner => runner.FailBeforeStart = new ArgumentException("image 0 is not a PNG, JPEG or WebP image");

        var streamed = await server.PostAsync("/api/generate", """{"model":"seer","prompt":"look","images":["AQID"]}""");
        var whole = await server.PostAsync("/api/chat", """{"model":"seer","stream":false,"messages":[{"role":"user","content":"look","images":["AQID"]}]}""");

        foreach (var response in new[] { streamed, whole })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("""{"error":"image 0 is not a PNG, JPEG or WebP image"}""", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task TheRunnerLoadsTheProjectorAndADifferentProjectorSetReloadsIt()
    {
        await using var server = await StartAsync();

        await server.PostAsync("/api/generate", """{"model":"seer","prompt":"look","images":["AQID"],"stream":false}""");
        server.Catalog.Replace("seer", model => model with { ProjectorPaths = ["/blobs/other-mmproj"] });
        await server.PostAsync("/api/generate", """{"model":"seer","prompt":"look","images":["AQID"],"stream":false}""");

        Assert.Equal([["/blobs/seer-mmproj"], ["/blobs/other-mmproj"]], server.Runners.Loads.Select(load => load.Model.ProjectorPaths));
        Assert.True(server.Runners.Runners[0].Disposed);
    }
}
