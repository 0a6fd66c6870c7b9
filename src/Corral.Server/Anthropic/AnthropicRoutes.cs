using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Anthropic;

/// <summary>The Anthropic-compatible surface (reference section 1.13); <c>ANTHROPIC_BASE_URL</c> points at the server root.</summary>
internal static class AnthropicRoutes
{
    public static void MapAnthropic(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages", MessagesEndpoint.HandleAsync);
        app.MapPost("/v1/messages/count_tokens", CountTokensEndpoint.HandleAsync);
    }
}
