using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Corral.Server.Tests.Fakes;

namespace Corral.Server.Tests.Http;

/// <summary>tags/show/copy/delete/blobs/create/pull/push success shapes through the catalog seam (reference 1.5-1.10).</summary>
public sealed class ModelManagementTests : IAsyncLifetime
{
    private ServerHarness _server = null!;

    public async Task InitializeAsync() => _server = await ServerHarness.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TagsListsModels()
    {
        var body = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/tags")).RootElement;
        var tiny = body.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("name").GetString() == "tiny:latest");
        Assert.Equal("2024-01-01T00:00:00Z", tiny.GetProperty("modified_at").GetString());
        Assert.Equal(1234, tiny.GetProperty("size").GetInt64());
        Assert.Equal("", tiny.GetProperty("details").GetProperty("parent_model").GetString());
    }

    [Fact]
    public async Task ShowCopyDelete()
    {
        var show = await _server.PostAsync("/api/show", "{\"name\":\"tiny\"}");
        Assert.Equal(HttpStatusCode.OK, show.StatusCode);
        Assert.Contains("\"model_info\":{}", await show.Content.ReadAsStringAsync());

        var copy = await _server.PostAsync("/api/copy", "{\"source\":\"tiny\",\"destination\":\"copy\"}");
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        Assert.Equal("", await copy.Content.ReadAsStringAsync());

        var delete = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/delete") { Content = new StringContent("{\"model\":\"copy\"}") });
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _server.PostAsync("/api/show", "{\"model\":\"copy\"}")).StatusCode);
    }

    [Fact]
    public async Task BlobsUploadVerifyAndExist()
    {
        var data = "gguf bytes"u8.ToArray();
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));
        var head = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/blobs/" + digest));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);

        var wrong = await _server.Client.PostAsync("/api/blobs/sha256:" + new string('0', 64), new ByteArrayContent(data));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.StartsWith("{\"error\":\"digest mismatch", await wrong.Content.ReadAsStringAsync());

        var created = await _server.Client.PostAsync("/api/blobs/" + digest, new ByteArrayContent(data));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var again = await _server.Client.PostAsync("/api/blobs/" + digest, new ByteArrayContent(data));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        head = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/blobs/" + digest));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task BlobUploadLargerThanKestrelsDefaultLimitIsAccepted()
    {
        var data = new byte[31 * 1024 * 1024];
        data[^1] = 1;
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(data));
        var created = await _server.Client.PostAsync("/api/blobs/" + digest, new ByteArrayContent(data));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task PullStreamsProgressOrReturnsOnlyTheLastObject()
    {
        var streamed = await _server.PostAsync("/api/pull", "{\"model\":\"tiny\"}");
        Assert.Equal("application/x-ndjson", streamed.Content.Headers.ContentType!.MediaType);
        Assert.Equal("{\"status\":\"pulling manifest\"}\n"
            + "{\"status\":\"pulling abcdef012345\",\"digest\":\"sha256:abcdef012345\",\"total\":10,\"completed\":10}\n"
            + "{\"status\":\"success\"}\n", await streamed.Content.ReadAsStringAsync());

        var single = await _server.PostAsync("/api/pull", "{\"name\":\"tiny\",\"stream\":false}");
        Assert.Equal(new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }, single.Content.Headers.ContentType);
        Assert.Equal("{\"status\":\"success\"}", await single.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreateThenUseTheModel()
    {
        var created = await _server.PostAsync("/api/create", "{\"model\":\"made\",\"from\":\"tiny\",\"stream\":false}");
        Assert.Equal("{\"status\":\"success\"}", await created.Content.ReadAsStringAsync());
        var generated = await _server.PostAsync("/api/generate", "{\"model\":\"made\",\"prompt\":\"hi\",\"stream\":false}");
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
    }

    [Fact]
    public async Task PushErrorAfterProgressIsAnErrorLine()
    {
        var streamed = await _server.PostAsync("/api/push", "{\"model\":\"tiny\"}");
        Assert.Equal(HttpStatusCode.OK, streamed.StatusCode);
        Assert.Equal("{\"status\":\"retrieving manifest\"}\n{\"error\":\"couldn't retrieve manifest\"}\n", await streamed.Content.ReadAsStringAsync());
        var single = await _server.PostAsync("/api/push", "{\"model\":\"tiny\",\"stream\":false}");
        Assert.Equal(HttpStatusCode.InternalServerError, single.StatusCode);
    }
}
