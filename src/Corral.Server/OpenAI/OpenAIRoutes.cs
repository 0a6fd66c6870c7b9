using Microsoft.AspNetCore.Routing;

namespace Corral.Server.OpenAI;

/// <summary>The OpenAI-compatible surface (reference section 1.12), on the same port and models as the native API.</summary>
internal static class OpenAIRoutes
{
    public static void MapOpenAI(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", ChatCompletionsEndpoint.HandleAsync);
    }
}
