using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Corral.IntegrationTests.Infrastructure;
using Corral.Registry.Tests;
using Corral.Store.Tests;

namespace Corral.IntegrationTests.Security;

/// <summary>
/// Acceptance 2 of issue 11: one test per bug class of ../shared/reference/security-history.md, each driven
/// through the real server over HTTP. Every answer of every test goes through <see cref="SendAsync"/>, which
/// fails the test if the body names a server path, the home directory or the user (ollama#13223).
/// </summary>
public sealed class CveClassTests(ModelFixture fixture) : IClassFixture<ModelFixture>
{
    private RealServer Server => fixture.Server;

    // CVE-2024-37032 "Probllama" and CVE-2026-7020: a digest that is not sha256:<64 hex> became a file path.
    // Every route that turns a digest or name into a path refuses it before touching the filesystem.
    [Fact]
    public async Task DigestTraversalIsRefusedInBlobsPullPushAndDelete()
    {
        var before = StoreEntries();
        foreach (var digest in new[] { "sha256:..%2F..%2Fx", "sha256:..%5C..%5Cx", "sha256:%2E%2E" })
        {
            Assert.Equal(400, (await SendAsync(HttpMethod.Post, $"api/blobs/{digest}", content: new ByteArrayContent("x"u8.ToArray()))).Status);
            Assert.Equal(400, (await SendAsync(HttpMethod.Head, $"api/blobs/{digest}")).Status);
        }
        var (status, body) = await SendAsync(HttpMethod.Post, "api/create", """{"model":"probe","files":{"m.gguf":"sha256:../../x"}}""");
        Assert.Equal((400, "invalid digest format"), (status, ErrorOf(body)));

        await using var registry = await FakeRegistry.StartAsync();
        var (layer, _) = ManifestJson.Publish(registry, layerSize: 1000);
        var config = registry.Manifests["latest"];
        registry.Manifests["latest"] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(config)
            .Replace(ManifestJson.Digest(layer), "sha256:../../../../../../tmp/corral-probllama", StringComparison.Ordinal));
        (status, body) = await SendAsync(HttpMethod.Post, "api/pull", $$"""{"model":"{{registry.Host}}/corral/fake","insecure":true,"stream":false}""");
        Assert.True(status >= 400, body);
        Assert.False(File.Exists("/tmp/corral-probllama"));
        Assert.DoesNotContain(registry.Requests, r => r.Path.Contains("/blobs/", StringComparison.Ordinal) && r.Path.Contains("..", StringComparison.Ordinal));

        // Pushing or deleting a name that climbs out of the manifests directory: the same answer whether or not
        // the target exists, so it is not a file-existence oracle either (CVE-2024-39722).
        var answers = new List<string>();
        foreach (var target in new[] { "../../../../etc/passwd", "../../../../nonexistent/file" })
        {
            var push = await SendAsync(HttpMethod.Post, "api/push", $$"""{"model":"{{registry.Host}}/{{target}}","insecure":true,"stream":false}""");
            var delete = await SendAsync(HttpMethod.Delete, "api/delete", $$"""{"model":"{{target}}"}""");
            Assert.Equal((400, 400), (push.Status, delete.Status));
            answers.Add((ErrorOf(push.Body) + "|" + ErrorOf(delete.Body)).Replace(target, "<target>", StringComparison.Ordinal));
        }
        Assert.Single(answers.Distinct());
        Assert.DoesNotContain(registry.Requests, r => r.Method != "GET" || !r.Path.Contains("/manifests/", StringComparison.Ordinal));
        Assert.Equal(before, StoreEntries());
    }

    // CVE-2024-28224: a web page rebinding its DNS name to 127.0.0.1 drove the whole API. On a loopback bind
    // only local Host names are served.
    [Fact]
    public async Task ForeignHostHeaderIsRefusedOnALoopbackBind()
    {
        foreach (var (method, path, json) in new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Get, "api/tags", null),
            (HttpMethod.Post, "api/chat", """{"model":"tiny","messages":[{"role":"user","content":"hi"}]}"""),
            (HttpMethod.Delete, "api/delete", """{"model":"tiny"}"""),
        })
        {
            var (status, body) = await SendAsync(method, path, json, request => request.Headers.Host = "evil.example");
            Assert.Equal((403, ""), (status, body));
        }
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, "api/tags", adjust: request => request.Headers.Host = "localhost")).Status);
        Assert.Equal(200, (await SendAsync(HttpMethod.Post, "api/show", """{"model":"tiny"}""")).Status);
    }

    // CVE-2024-39720 (4-byte GGUF), CVE-2025-0315/0317 and CVE-2024-12055 (absurd counts, allocation, OOB read),
    // CVE-2026-7482 "Bleeding Llama" (tensor extents beyond the file leaked heap into a pushed model): uploaded
    // through /api/blobs and named in /api/create, each is refused with a 400 and the server keeps serving.
    [Fact]
    public async Task HostileGgufsAreRefusedByCreateAndTheServerKeepsServing()
    {
        const uint f32 = 0;
        var files = new (string Name, byte[] Bytes)[]
        {
            ("zero-length", []),
            ("magic only", "GGUF"u8.ToArray()),
            ("header only", new GgufBuilder().Build(0)[..24]),
            ("absurd tensor count", new GgufBuilder { TensorCountOverride = 1UL << 40 }.Build(0)),
            ("absurd key count", new GgufBuilder { KvCountOverride = ulong.MaxValue }.Build(0)),
            ("tensor beyond the file", new GgufBuilder().String("general.architecture", "llama").Tensor("a", [1024], f32, 0).Build(dataBytes: 64)),
            ("tensor offset overflow", new GgufBuilder().String("general.architecture", "llama").Tensor("a", [8], f32, ulong.MaxValue - 31).Build(dataBytes: 64)),
        };
        foreach (var (name, bytes) in files)
        {
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
            var upload = await SendAsync(HttpMethod.Post, $"api/blobs/{digest}", content: new ByteArrayContent(bytes));
            Assert.True(upload.Status is 200 or 201, $"{name}: upload {upload.Status} {upload.Body}");

            var (status, body) = await SendAsync(HttpMethod.Post, "api/create", $$"""{"model":"hostile","files":{"m.gguf":"{{digest}}"},"stream":false}""");

            Assert.True(status == 400, $"{name}: {status} {body}");
            Assert.NotEmpty(ErrorOf(body));
        }
        var (tagsStatus, tags) = await SendAsync(HttpMethod.Get, "api/tags");
        Assert.Equal(200, tagsStatus);
        Assert.DoesNotContain("hostile", tags, StringComparison.Ordinal);
        var generate = await SendAsync(HttpMethod.Post, "api/generate", """{"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(200, generate.Status);
    }

    // CVE-2025-51471: a 401 naming a token realm on another host made Ollama send its registry credentials
    // there. The realm must be on the registry's own host; the other host receives nothing at all.
    [Fact]
    public async Task TokenRealmOnAnotherHostGetsNoRequest()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var realm = await FakeRegistry.StartAsync();
        ManifestJson.Publish(registry, layerSize: 1000);
        registry.Intercept = context =>
        {
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{realm.BaseUri}token\",service=\"fake\",scope=\"repository:corral/fake:pull\"";
            return Task.FromResult(true);
        };

        var (status, body) = await SendAsync(HttpMethod.Post, "api/pull", $$"""{"model":"{{registry.Host}}/corral/fake","insecure":true,"stream":false}""");

        Assert.True(status >= 400, body);
        Assert.Contains($"realm host \"{realm.Host}\" does not match original host \"{registry.Host}\"", ErrorOf(body), StringComparison.Ordinal);
        Assert.Empty(realm.Requests);
        Assert.NotEmpty(registry.Requests);
    }

    // ollama#16236 (exploited in the wild): /api/pull as an SSRF into cloud metadata and the LAN.
    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.1")]
    public async Task PullFromMetadataAndPrivateAddressesIsRefused(string host)
    {
        var (status, body) = await SendAsync(HttpMethod.Post, "api/pull", $$"""{"model":"{{host}}/library/x","insecure":true,"stream":false}""");

        Assert.True(status >= 400, body);
        Assert.Equal($"registry host \"{host}\" resolves to a private address ({host}); pulling from private networks is disabled", ErrorOf(body));
    }

    // CVE-2024-39721 (FROM /dev/random: endless read), CVE-2024-39719 and -39722 (errors telling which server
    // files exist): /api/create takes models and blobs only, never a path on the server.
    [Fact]
    public async Task CreateNeverOpensServerPaths()
    {
        var answers = new Dictionary<string, string>();
        foreach (var from in new[] { "/dev/zero", "/dev/random", "/etc/passwd", "/nonexistent/model.gguf", "../../../../etc/passwd", "~/.ssh/id_rsa" })
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var (status, body) = await SendAsync(HttpMethod.Post, "api/create", $$"""{"model":"probe","from":{{JsonSerializer.Serialize(from)}},"stream":false}""",
                cancellationToken: timeout.Token);
            Assert.True(status is 400 or 404, $"FROM {from}: {status} {body}");
            answers[from] = ErrorOf(body).Replace(from, "<from>", StringComparison.Ordinal);
        }
        // A file that exists and one that does not get the same answer: no existence oracle.
        Assert.Equal(answers["/etc/passwd"], answers["/nonexistent/model.gguf"]);
        Assert.Equal(answers["/etc/passwd"], answers["/dev/zero"]);
        var (_, tags) = await SendAsync(HttpMethod.Get, "api/tags");
        Assert.DoesNotContain("probe", tags, StringComparison.Ordinal);
    }

    // ollama#13223: create errors said "read /home/<user>/.ollama/models/blobs: is a directory". A store whose
    // files went missing or turned into directories is the likeliest place for a path to slip into an answer.
    [Fact]
    public async Task StorageErrorsNeverNameServerPaths()
    {
        var bytes = new GgufBuilder().String("general.architecture", "llama").UInt32("general.file_type", 1).Tensor("a", [8], 0, 0).Build(dataBytes: 32);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.True((await SendAsync(HttpMethod.Post, $"api/blobs/{digest}", content: new ByteArrayContent(bytes))).Status is 200 or 201);
        var create = await SendAsync(HttpMethod.Post, "api/create", $$"""{"model":"vanishing","files":{"m.gguf":"{{digest}}"},"stream":false}""");
        Assert.True(create.Status == 200, create.Body);

        var blobPath = Path.Combine(Server.StorePath, "blobs", digest.Replace(':', '-'));
        File.Delete(blobPath);
        Directory.CreateDirectory(blobPath);
        try
        {
            var requests = new (HttpMethod, string, string)[]
            {
                (HttpMethod.Post, "api/show", """{"model":"vanishing"}"""),
                (HttpMethod.Post, "api/create", """{"model":"vanishing-copy","from":"vanishing","stream":false}"""),
                (HttpMethod.Post, "api/create", $$"""{"model":"vanishing-files","files":{"m.gguf":"{{digest}}"},"stream":false}"""),
                (HttpMethod.Post, "api/generate", """{"model":"vanishing","prompt":"hi","stream":false}"""),
                (HttpMethod.Post, "api/embed", """{"model":"vanishing","input":"hi"}"""),
                (HttpMethod.Post, "api/copy", """{"source":"vanishing","destination":"vanishing-2"}"""),
            };
            foreach (var (method, path, json) in requests)
            {
                var (status, body) = await SendAsync(method, path, json); // SendAsync scans each error body.
                Assert.True(status < 300 || ErrorOf(body).Length > 0, $"{path}: {status} {body}");
            }
            var tags = await SendAsync(HttpMethod.Get, "api/tags");
            Assert.True(tags.Status == 200, tags.Body);
        }
        finally
        {
            Directory.Delete(blobPath);
        }
    }

    /// <summary>
    /// Sends a request and fails if an error answer names the store, the repository, the home directory or the
    /// user. (A successful /api/show names the blob in its Modelfile's FROM line, as Ollama's does, for the owner's
    /// own <c>ollama show --modelfile | ollama create</c> round trip.)
    /// </summary>
    private async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string? json = null,
        Action<HttpRequestMessage>? adjust = null, HttpContent? content = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = json is null ? content : new StringContent(json, Encoding.UTF8, "application/json"),
        };
        adjust?.Invoke(request);
        using var response = await Server.Client.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return ((int)response.StatusCode, body);
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var secret in new[] { Server.StorePath, TestPaths.RepositoryRoot, home + "/", $"/{Environment.UserName}/" })
        {
            Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{method} {path} answered {(int)response.StatusCode} naming {secret}: {body}");
        }
        return ((int)response.StatusCode, body);
    }

    private static string ErrorOf(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetString() ?? "";
    }

    private string[] StoreEntries() =>
        [.. Directory.EnumerateFileSystemEntries(Server.StorePath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];
}
