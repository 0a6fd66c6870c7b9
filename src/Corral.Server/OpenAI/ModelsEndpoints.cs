using System.Text.Json.Nodes;
using Corral.Server.Models;

namespace Corral.Server.OpenAI;

/// <summary><c>GET /v1/models</c> and <c>/v1/models/{model}</c> from the model catalog (Ollama's <c>ListMiddleware</c>/<c>RetrieveMiddleware</c>).</summary>
internal static class ModelsEndpoints
{
    public static async Task ListAsync(HttpContext context)
    {
        var catalog = context.RequestServices.GetRequiredService<IModelCatalog>();
        var models = await catalog.ListAsync(context.RequestAborted);
        // OpenAI clients iterate data; an empty list is [] (Ollama writes null here, which SDKs reject).
        var data = new JsonArray(models.Select(model => (JsonNode?)Model(model.Name, model.ModifiedAt)).ToArray());
        await JsonAnswer.WriteAsync(context.Response, context.Response.Body, new JsonObject { ["object"] = "list", ["data"] = data });
    }

    public static async Task RetrieveAsync(HttpContext context, string model)
    {
        var catalog = context.RequestServices.GetRequiredService<IModelCatalog>();
        var found = catalog.IsValidName(model) ? await catalog.FindAsync(model, context.RequestAborted) : null;
        if (found is null)
        {
            await OpenAIError.WriteAsync(context, 404, $"model '{model}' not found");
            return;
        }
        var listed = (await catalog.ListAsync(context.RequestAborted)).FirstOrDefault(entry => entry.Name == found.ShortName);
        await JsonAnswer.WriteAsync(context.Response, context.Response.Body, Model(model, listed?.ModifiedAt ?? DateTimeOffset.UnixEpoch));
    }

    private static JsonObject Model(string name, DateTimeOffset modified) => new()
    {
        ["id"] = name,
        ["object"] = "model",
        ["created"] = modified.ToUnixTimeSeconds(),
        ["owned_by"] = Namespace(name),
    };

    // host/namespace/model:tag, namespace/model:tag or model:tag (library).
    private static string Namespace(string name)
    {
        var parts = name.Split(':')[0].Split('/');
        return parts.Length switch
        {
            >= 3 => parts[^2],
            2 => parts[0],
            _ => "library",
        };
    }
}
