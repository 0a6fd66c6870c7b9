using Microsoft.AspNetCore.Routing;

namespace Corral.Server.OpenAI;

/// <summary>The OpenAI-compatible surface (reference section 1.12), on the same port and models as the native API.</summary>
internal static class OpenAIRoutes
{
    public static void MapOpenAI(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/chat/completions", ChatCompletionsEndpoint.HandleAsync);
        app.MapPost("/v1/completions", CompletionsEndpoint.HandleAsync);
        app.MapPost("/v1/responses", ResponsesEndpoint.HandleAsync);
        app.MapPost("/v1/embeddings", OpenAIEmbeddingsEndpoint.HandleAsync);
        app.MapGet("/v1/models", ModelsEndpoints.ListAsync);
        app.MapGet("/v1/models/{**model}", (HttpContext context, string model) => ModelsEndpoints.RetrieveAsync(context, model));
    }
}
