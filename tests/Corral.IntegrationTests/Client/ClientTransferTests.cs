using System.Net;
using Corral.Client;
using Corral.Contracts.Ollama;
using Corral.IntegrationTests.Infrastructure;
using Corral.Registry.Tests;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// Issue 9 acceptance 1: PushAsync and PullAsync between the real server and a real docker-registry, progress read
/// as it streams; a pull the registry cannot serve ends its stream with an error line.
/// </summary>
public sealed class ClientTransferTests(DockerRegistryFixture registry) : IClassFixture<DockerRegistryFixture>
{
    [Fact]
    public async Task PushThenDeleteThenPullGivesBackTheSameModel()
    {
        await using var server = await RealServer.StartAsync();
        using var client = server.NewClient();
        var name = $"{registry.Host}/corral/client:latest";
        await server.CreateModelAsync(name, TestPaths.Llama2Fixture, RealServer.SmallContext(("system", "You are terse.")));
        var before = await client.ShowAsync(new ShowRequest { Model = name });

        var pushed = await client.PushAsync(new PushRequest { Model = name, Insecure = true }).ToListAsync();
        await client.DeleteAsync(new DeleteRequest { Model = name });
        var pulled = await client.PullAsync(new PullRequest { Model = name, Insecure = true }).ToListAsync();

        Assert.Equal("success", pushed[^1].Status);
        Assert.Contains(pushed, p => p.Status.StartsWith("pushing ", StringComparison.Ordinal) && p.Total > 0);
        Assert.Equal(["pulling manifest", "verifying sha256 digest", "writing manifest", "success"],
            pulled.Select(p => p.Status).Where(s => s == "pulling manifest" || !s.StartsWith("pulling ", StringComparison.Ordinal)));
        // The weights layer arrives whole: its progress counts up to the fixture file's size.
        Assert.Contains(pulled, p => p.Digest is not null && p.Total == new FileInfo(TestPaths.Llama2Fixture).Length && p.Completed == p.Total);
        var after = await client.ShowAsync(new ShowRequest { Model = name });
        Assert.Equal((before.Modelfile, before.System, before.Parameters), (after.Modelfile, after.System, after.Parameters));
    }

    [Fact]
    public async Task PullOfAModelTheRegistryLacksEndsTheStreamWithAStatusException()
    {
        await using var server = await RealServer.StartAsync();
        using var client = server.NewClient();
        var seen = new List<ProgressResponse>();

        var error = await Assert.ThrowsAsync<StatusException>(async () =>
        {
            await foreach (var progress in client.PullAsync(new PullRequest { Model = $"{registry.Host}/corral/absent:latest", Insecure = true }))
            {
                seen.Add(progress);
            }
        });

        Assert.Equal("pulling manifest", Assert.Single(seen).Status);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("", error.Status);
        Assert.NotEmpty(error.ErrorMessage);
        Assert.Equal(error.ErrorMessage, error.Message);
    }
}
