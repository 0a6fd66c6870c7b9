using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.IntegrationTests.Infrastructure;
using Corral.Registry.Tests;

namespace Corral.IntegrationTests;

/// <summary>
/// Issue 6 acceptance 2 through HTTP: create, /api/push to a real docker-registry, /api/delete, /api/pull, then
/// /api/show is identical and the model generates (reference §1.10).
/// </summary>
public sealed class TransferTests(DockerRegistryFixture registry) : IClassFixture<DockerRegistryFixture>
{
    [Fact]
    public async Task PushDeletePullGivesBackTheSameModelAndItGenerates()
    {
        await using var server = await RealServer.StartAsync();
        var name = $"{registry.Host}/corral/e2e:latest";
        await server.CreateModelAsync(name, TestPaths.Llama2Fixture, new JsonObject
        {
            ["system"] = "You are terse.",
            ["parameters"] = new JsonObject { ["temperature"] = 0.25 },
        });
        var (_, before) = await server.PostJsonAsync("api/show", $$"""{"model":"{{name}}"}""");

        using (var push = await server.PostAsync("api/push", $$"""{"model":"{{name}}","insecure":true}"""))
            Assert.Equal("success", (await RealServer.ReadLinesAsync(push))[^1].GetProperty("status").GetString());
        using (var delete = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "api/delete")
               { Content = new StringContent($$"""{"model":"{{name}}"}""") }))
            Assert.True(delete.IsSuccessStatusCode);
        Assert.Equal(404, (await server.PostJsonAsync("api/show", $$"""{"model":"{{name}}"}""")).Status);

        using (var pull = await server.PostAsync("api/pull", $$"""{"model":"{{name}}","insecure":true}"""))
        {
            var lines = await RealServer.ReadLinesAsync(pull);
            Assert.Equal(["pulling manifest", "verifying sha256 digest", "writing manifest", "success"],
                lines.Select(l => l.GetProperty("status").GetString()).Where(s => s == "pulling manifest" || !s!.StartsWith("pulling ")));
        }

        var (status, after) = await server.PostJsonAsync("api/show", $$"""{"model":"{{name}}"}""");
        Assert.Equal(200, status);
        Assert.Equal(Without(before, "modified_at"), Without(after, "modified_at"));
        var (generated, body) = await server.PostJsonAsync("api/generate",
            $$$"""{"model":"{{{name}}}","prompt":"hi","stream":false,"options":{"num_predict":3}}""");
        Assert.Equal(200, generated);
        Assert.True(body.GetProperty("done").GetBoolean());
    }

    private static string Without(JsonElement element, string property)
    {
        var node = JsonNode.Parse(element.GetRawText())!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }
}
