using System.Text;
using Corral.Store.Blobs;
using Corral.Store.Create;
using Corral.Store.Manifests;
using Corral.Store.Names;

namespace Corral.Store.Tests;

/// <summary>Issue 4 acceptance 2: manifest and config bytes in Ollama's shape (reference §3).</summary>
public sealed class GoldenFormatTests : IDisposable
{
    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ManifestBytesMatchOllamaEncoding()
    {
        var a = new string('a', 64);
        var b = new string('b', 64);
        var manifest = Manifest.Create(
            new ManifestLayer(MediaTypes.Config, "sha256:" + a, 485),
            [new ManifestLayer(MediaTypes.Model, "sha256:" + b, 123, From: "llama3:latest")]);

        Assert.Equal(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"sha256:{a}\",\"size\":485}}," +
            $"\"layers\":[{{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"sha256:{b}\",\"size\":123,\"from\":\"llama3:latest\"}}]}}\n",
            Encoding.UTF8.GetString(manifest.ToBytes()));
    }

    [Fact]
    public async Task CreatedStoreHasOllamaLayoutManifestAndConfig()
    {
        var digest = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyF16);
        await StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), new CreateModelRequest
        {
            Model = "golden",
            Files = new Dictionary<string, string> { ["m.gguf"] = digest },
            System = "hi",
        });

        var manifestPath = Path.Combine(_temp.Root, "manifests", "registry.ollama.ai", "library", "golden", "latest");
        var bytes = await File.ReadAllBytesAsync(manifestPath);
        var manifest = Manifest.Parse(bytes);
        var systemDigest = "sha256:" + Digest.Of("hi"u8).Hex;
        var modelSize = new FileInfo(TestPaths.TinyF16).Length;
        Assert.Equal(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"{manifest.Config.Digest}\",\"size\":{manifest.Config.Size}}}," +
            $"\"layers\":[{{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"{digest}\",\"size\":{modelSize},\"from\":\"m.gguf\"}}," +
            $"{{\"mediaType\":\"application/vnd.ollama.image.system\",\"digest\":\"{systemDigest}\",\"size\":2}}]}}\n",
            Encoding.UTF8.GetString(bytes));

        foreach (var blob in manifest.BlobDigests())
        {
            Assert.True(File.Exists(Path.Combine(_temp.Root, "blobs", "sha256-" + blob.Hex)));
        }

        var configBytes = await File.ReadAllBytesAsync(_temp.Store.Blobs.GetPath(Digest.Parse(manifest.Config.Digest)));
        Assert.Equal(manifest.Config.Size, configBytes.Length);
        Assert.Equal(manifest.Config.Digest, Digest.Of(configBytes).ToString());
        var gguf = Gguf.GgufReader.Read(TestPaths.TinyF16);
        Assert.Equal(
            $"{{\"model_format\":\"gguf\",\"model_family\":\"llama\",\"model_families\":[\"llama\"],\"model_type\":\"{HumanNumber.Format(gguf.ParameterCount)}\"," +
            "\"file_type\":\"F16\",\"architecture\":\"amd64\",\"os\":\"linux\"}\n",
            Encoding.UTF8.GetString(configBytes));

        var stored = _temp.Store.Manifests.Read(ModelName.Parse("golden"))!;
        Assert.Equal(Digest.Of(bytes).Hex, stored.Digest);
    }

    [Fact]
    public async Task ParamsAndMessagesBlobsAreEncodedAsGoDoes()
    {
        var digest = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        await StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), new CreateModelRequest
        {
            Model = "p",
            Files = new Dictionary<string, string> { ["m.gguf"] = digest },
            Parameters = System.Text.Json.Nodes.JsonNode.Parse("""{"temperature":0.5,"stop":["</s>","a&b"],"num_ctx":2048}""")!.AsObject(),
            Messages = [new ModelMessage("user", "<hi> & bye")],
        });

        var manifest = _temp.Store.Manifests.Read(ModelName.Parse("p"))!.Manifest;
        string Blob(string mediaType) => File.ReadAllText(
            _temp.Store.Blobs.GetPath(Digest.Parse(manifest.Layers.Single(l => l.MediaType == mediaType).Digest)));

        // Go marshals map keys sorted and escapes <, > and & in strings.
        Assert.Equal("{\"num_ctx\":2048,\"stop\":[\"\\u003c/s\\u003e\",\"a\\u0026b\"],\"temperature\":0.5}\n", Blob(MediaTypes.Params));
        Assert.Equal("[{\"role\":\"user\",\"content\":\"\\u003chi\\u003e \\u0026 bye\"}]\n", Blob(MediaTypes.Messages));
    }

    [Theory]
    [InlineData(8_030_261_248UL, "8.0B")]
    [InlineData(7_000_000_000UL, "7B")]
    [InlineData(135_000_000UL, "135M")]
    [InlineData(24_550_000UL, "24.55M")]
    [InlineData(1_500UL, "2K")]
    [InlineData(999UL, "999")]
    public void HumanNumberMatchesOllama(ulong n, string expected)
    {
        Assert.Equal(expected, HumanNumber.Format(n));
    }

    [Fact]
    public void ManifestWithTraversalDigestIsRejected()
    {
        var bytes = Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"x\",\"config\":{\"mediaType\":\"c\",\"digest\":\"sha256:../../x\",\"size\":1},\"layers\":[]}");
        Assert.Throws<StoreException>(() => Manifest.Parse(bytes));
        Assert.Throws<StoreException>(() => Manifest.Parse("{\"schemaVersion\":2}"u8));
        Assert.Throws<StoreException>(() => Manifest.Parse("[1]"u8));
    }
}
