using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>A compatibility request read and translated; on failure the error is already answered in the API's own shape.</summary>
internal static class TranslatedRequest
{
    public delegate Task ErrorWriter(HttpContext context, int status, string message);

    public static async Task<(JsonObject Request, T Translated)?> ReadAsync<T>(HttpContext context, Func<JsonObject, T> translate, ErrorWriter writeError)
    {
        var (request, error) = await RequestJson.ReadAsync(context.Request);
        if (request is null)
        {
            await writeError(context, 400, error!);
            return null;
        }
        try
        {
            return (request, translate(request));
        }
        catch (TranslationException invalid)
        {
            await writeError(context, 400, invalid.Message);
            return null;
        }
        catch (InvalidOperationException mistyped)
        {
            // A JsonNode of an unexpected shape (a number where a message object belongs, an object read as
            // text) throws this from its accessors: the body's fault, not the server's.
            await writeError(context, 400, $"invalid request: {mistyped.Message}");
            return null;
        }
    }
}
