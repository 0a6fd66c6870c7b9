using System.Text.Json;

namespace Corral.IntegrationTests.Client;

/// <summary>Request options that make the random-weight fixture deterministic, so two requests can be compared.</summary>
internal static class GreedyOptions
{
    public static Dictionary<string, JsonElement> Tokens(int numPredict) => new()
    {
        ["temperature"] = JsonSerializer.SerializeToElement(0),
        ["seed"] = JsonSerializer.SerializeToElement(42),
        ["num_predict"] = JsonSerializer.SerializeToElement(numPredict),
    };
}
