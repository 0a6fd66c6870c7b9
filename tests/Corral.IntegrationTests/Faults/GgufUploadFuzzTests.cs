using System.Security.Cryptography;
using Corral.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// Issue 11 acceptance 1 (GGUF half): 220 malformed GGUFs through POST /api/blobs, /api/create and, for the first
/// few that create, a load by /api/generate. Every answer is well-formed, the server never dies and still serves.
/// </summary>
public sealed class GgufUploadFuzzTests(ModelFixture fixture, ITestOutputHelper output) : IClassFixture<ModelFixture>, IDisposable
{
    private const int Files = 220;

    // Each load starts a runner process (seconds on 2 cores); most files fail at create, the rest are sampled.
    private const int MaxLoads = 6;

    private readonly string _directory = Directory.CreateTempSubdirectory("corral-gguf-fuzz-").FullName;

    [Fact]
    public async Task MalformedGgufsGetWellFormedAnswersAndTheServerKeepsServing()
    {
        var seed = FaultSeed.Get(20261206);
        var mutations = new GgufMutations(TestPaths.Llama2Fixture, _directory, new Random(seed));
        int created = 0, rejected = 0, loaded = 0, loadFailed = 0;
        for (var i = 0; i < Files; i++)
        {
            var (path, description) = mutations.Next();
            var context = $"{FaultSeed.Replay(seed, i)}: {description}";
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
            await using (var content = File.OpenRead(path))
            {
                await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"api/blobs/{digest}") { Content = new StreamContent(content) }, context);
            }

            var model = $"gguf-fuzz-{i}";
            var (status, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/create")
            {
                Content = RealServer.Json($$$"""{"model":"{{{model}}}","files":{"model.gguf":"{{{digest}}}"},"stream":false}"""),
            }, context);
            if (status != 200)
            {
                rejected++;
                continue;
            }
            created++;
            if (loaded + loadFailed < MaxLoads)
            {
                var (generated, _) = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/generate")
                {
                    Content = RealServer.Json($$$"""{"model":"{{{model}}}","prompt":"hi","stream":false,"keep_alive":0,"options":{"num_predict":1}}"""),
                }, context, serverErrorAllowed: true);
                if (generated == 200)
                {
                    loaded++;
                }
                else
                {
                    loadFailed++;
                }
            }
            await SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/delete") { Content = RealServer.Json($$$"""{"model":"{{{model}}}"}""") }, context);
        }
        output.WriteLine($"seed {seed}: {rejected} rejected, {created} created; of those loaded: {loaded} answered, {loadFailed} failed to load");

        Assert.True(rejected > 0 && created > 0, "the mutations cover both rejected and accepted files");
        var (ok, answer) = await fixture.Server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{fixture.Model}}}","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(200, ok);
        Assert.True(answer.GetProperty("done").GetBoolean());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<(int Status, byte[] Body)> SendAsync(HttpRequestMessage request, string context, bool serverErrorAllowed = false)
    {
        using (request)
        using (var response = await fixture.Server.Client.SendAsync(request))
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            var problem = ResponseShape.Problem(request.Method.Method, status, response.Content.Headers.ContentType?.MediaType, body, serverErrorAllowed);
            Assert.True(problem is null, $"{context}: {request.Method} {request.RequestUri} => {problem}");
            return (status, body);
        }
    }
}
