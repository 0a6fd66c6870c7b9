using System.Security.Cryptography;
using System.Text;
using Corral.IntegrationTests.Infrastructure;
using Corral.Registry.Tests;
using Xunit.Abstractions;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// Issue 11 acceptance 1 (HTTP half): 1,020 seeded mutations of valid requests to every native, OpenAI and
/// Anthropic endpoint of a real server with a loaded model. Every answer is well-formed (<see cref="ResponseShape"/>)
/// and the server still generates afterwards.
/// </summary>
public sealed class HttpFuzzTests(FuzzModelFixture fixture, DockerRegistryFixture registry, ITestOutputHelper output)
    : IClassFixture<FuzzModelFixture>, IClassFixture<DockerRegistryFixture>
{
    private const int Cases = 1020;

    private static readonly byte[] Hello = "hello"u8.ToArray();
    private static readonly string HelloDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Hello));

    [Fact]
    public async Task MalformedRequestsToEveryEndpointGetWellFormedAnswers()
    {
        var seed = FaultSeed.Get(20261205);
        var templates = Templates(FuzzModelFixture.FuzzModel, registry.Host);
        var mutator = new RequestMutator(new Random(seed), registry.Host);
        var client = fixture.Server.Client;
        var statuses = new SortedDictionary<int, int>();
        var problems = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var request = mutator.Mutate(templates[i % templates.Count]);
            using var message = request.ToMessage();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(message, timeout.Token);
            }
            catch (TaskCanceledException) when (timeout.IsCancellationRequested)
            {
                problems.Add($"{FaultSeed.Replay(seed, i)}: {request}\n=> no answer within 90 s");
                continue;
            }
            using var answered = response;
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var problem = ResponseShape.Problem(request.Method, status, response.Content.Headers.ContentType?.MediaType, body);
            if (problem is not null)
            {
                problems.Add($"{FaultSeed.Replay(seed, i)}: {request}\n=> {problem}");
            }
        }
        output.WriteLine($"seed {seed}: {string.Join(", ", statuses.Select(s => $"{s.Value}x{s.Key}"))}");
        // Every bad answer at once: one run shows all the classes of failure, not just the first.
        Assert.True(problems.Count == 0, $"{problems.Count} of {Cases} answers are not well-formed:\n{string.Join("\n", problems.Take(40))}");

        var (generated, answer) = await fixture.Server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{fixture.Model}}}","prompt":"hi","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(200, generated);
        Assert.True(answer.GetProperty("done").GetBoolean());
    }

    private static List<RequestTemplate> Templates(string model, string registryHost)
    {
        var messages = """[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}]""";
        var tools = """[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}]""";
        var remote = $"{registryHost}/fuzz/absent:latest";
        return
        [
            new("POST", "api/generate", $$$"""{"model":"{{{model}}}","prompt":"Why?","system":"s","stream":false,"options":{"num_predict":2,"temperature":0,"seed":1,"stop":["\n"]}}""", Inference: true),
            new("POST", "api/generate", $$$$"""{"model":"{{{{model}}}}","prompt":"Why?","stream":true,"format":{"type":"object","properties":{"a":{"type":"integer"}}},"options":{"num_predict":2}}""", Inference: true),
            new("POST", "api/chat", $$$"""{"model":"{{{model}}}","messages":{{{messages}}},"tools":{{{tools}}},"stream":false,"options":{"num_predict":2,"top_k":1}}""", Inference: true),
            new("POST", "api/chat", $$$"""{"model":"{{{model}}}","messages":{{{messages}}},"stream":true,"think":false,"options":{"num_predict":2}}""", Inference: true),
            new("POST", "api/embed", $$$"""{"model":"{{{model}}}","input":["a","b"],"truncate":true,"options":{"num_predict":2}}""", Inference: true),
            new("POST", "api/embeddings", $$$"""{"model":"{{{model}}}","prompt":"a"}""", Inference: true),
            new("POST", "api/show", $$$"""{"model":"{{{model}}}","verbose":true}"""),
            new("POST", "api/copy", $$$"""{"source":"{{{model}}}","destination":"fuzz-copy"}"""),
            new("DELETE", "api/delete", """{"model":"fuzz-copy"}"""),
            new("POST", "api/create", $$$"""{"model":"fuzz-made","from":"{{{model}}}","system":"s","template":"{{.Prompt}}","parameters":{"temperature":0.5,"stop":["x"]},"messages":[{"role":"user","content":"x"}],"license":["MIT"]}"""),
            new("POST", "api/create", $$$"""{"model":"fuzz-files","files":{"model.gguf":"{{{HelloDigest}}}"},"stream":false}"""),
            new("POST", "api/pull", $$$"""{"model":"{{{remote}}}","insecure":true,"stream":false}""", Registry: true),
            new("POST", "api/push", $$$"""{"model":"{{{remote}}}","insecure":true,"stream":true}""", Registry: true),
            new("POST", $"api/blobs/{HelloDigest}", Encoding.UTF8.GetString(Hello)),
            new("HEAD", $"api/blobs/{HelloDigest}", null),
            new("GET", "api/tags", null),
            new("GET", "api/ps", null),
            new("GET", "api/version", null),
            new("GET", "v1/models", null),
            new("GET", $"v1/models/{model}", null),
            new("POST", "v1/chat/completions", $$$$"""{"model":"{{{{model}}}}","messages":{{{{messages}}}},"max_tokens":2,"temperature":0,"stream":false,"tools":{{{{tools}}}}}""", Inference: true),
            new("POST", "v1/chat/completions", $$$"""{"model":"{{{model}}}","messages":{{{messages}}},"max_completion_tokens":2,"stream":true,"stream_options":{"include_usage":true},"response_format":{"type":"json_object"}}""", Inference: true),
            new("POST", "v1/completions", $$$"""{"model":"{{{model}}}","prompt":"hi","max_tokens":2,"stop":["x"],"seed":1}""", Inference: true),
            new("POST", "v1/responses", $$$"""{"model":"{{{model}}}","input":[{"role":"user","content":[{"type":"input_text","text":"hi"}]}],"max_output_tokens":2,"stream":false}""", Inference: true),
            new("POST", "v1/embeddings", $$$"""{"model":"{{{model}}}","input":["a","b"],"encoding_format":"float"}""", Inference: true),
            new("POST", "v1/messages", $$$"""{"model":"{{{model}}}","max_tokens":2,"system":"s","messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],"stream":true}""", Inference: true),
            new("POST", "v1/messages", $$$"""{"model":"{{{model}}}","max_tokens":2,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"f","input_schema":{"type":"object"}}]}""", Inference: true),
            new("POST", "v1/messages/count_tokens", $$$"""{"model":"{{{model}}}","messages":[{"role":"user","content":"hi"}]}"""),
        ];
    }
}
