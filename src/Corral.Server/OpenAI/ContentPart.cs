using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// One OpenAI content part as its own native message of the same role, as Ollama does: text parts carry
/// content, image and audio parts carry base64 in <c>images</c> (only data URLs; Ollama fetches no URLs).
/// </summary>
internal static class ContentPart
{
    private static readonly string[] _imagePrefixes =
        ["data:image/jpeg;base64,", "data:image/jpg;base64,", "data:image/png;base64,", "data:image/webp;base64,", "data:;base64,"];

    public static JsonObject ToNativeMessage(string role, JsonNode? part)
    {
        switch (RequestJson.String(part, "type"))
        {
            case "text" or "input_text" or "output_text":
                return new JsonObject { ["role"] = role, ["content"] = RequestJson.String(part, "text") ?? "" };
            case "image_url":
                var url = part!["image_url"] is JsonObject image ? RequestJson.String(image, "url") : RequestJson.String(part, "image_url");
                return ImageMessage(role, DataUrlBase64(url ?? ""));
            case "input_audio":
                return ImageMessage(role, RequestJson.String(part!["input_audio"], "data") ?? "");
            default:
                throw new TranslationException("invalid message format");
        }
    }

    public static JsonObject ImageMessage(string role, string base64) =>
        new() { ["role"] = role, ["content"] = "", ["images"] = new JsonArray(base64) };

    public static string DataUrlBase64(string url)
    {
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new TranslationException("image URLs are not currently supported, please use base64 encoded data instead");
        }
        foreach (var prefix in _imagePrefixes)
        {
            if (url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return url[prefix.Length..];
            }
        }
        throw new TranslationException("invalid image input");
    }
}
