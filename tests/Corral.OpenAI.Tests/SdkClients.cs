using System.ClientModel;
using Corral.Server.Tests.Fakes;
using OpenAI;

namespace Corral.OpenAI.Tests;

/// <summary>The official OpenAI SDK pointed at a test server's <c>/v1</c>, with a throwaway key (any non-empty key is accepted).</summary>
internal static class SdkClients
{
    public static OpenAIClient For(ServerHarness server) =>
        new(new ApiKeyCredential("sk-anything"), new OpenAIClientOptions { Endpoint = new Uri(server.Server.Address, "/v1"), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });
}
