using System.Text.Json.Nodes;
using Corral.IntegrationTests.Infrastructure;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// The fixture server plus a model whose own <c>num_predict</c> is 4: a fuzzed request whose limit is null or gone
/// still answers in a few tokens instead of 10 x num_ctx.
/// </summary>
public sealed class FuzzModelFixture : ModelFixture
{
    public const string FuzzModel = "fuzz:latest";

    protected override Task CreateModelsAsync(RealServer server) =>
        server.CreateModelAsync(FuzzModel, TestPaths.Llama3Fixture,
            new JsonObject { ["parameters"] = new JsonObject { ["num_ctx"] = 256, ["num_predict"] = 4 } });
}
