using Corral.Server.Hosting;
using Corral.Server.Http;

namespace Corral.Server.Endpoints;

/// <summary>
/// The per-request input limits of generate, chat and the embedding endpoints (and so of /v1 and /v1/messages,
/// which run through them), checked right after the body is read: a huge prompt, input or image is refused before
/// any model is loaded. <paramref name="textName"/> names the text in the message ("prompt", or "input" for /api/embed).
/// </summary>
internal static class InputLimits
{
    public static ApiError? Check(RequestLimits limits, long textChars, IReadOnlyList<byte[]> images, string textName = "prompt")
    {
        if (images.Count > limits.MaxImages)
        {
            return new ApiError(400, $"too many images: {images.Count}, the limit is {limits.MaxImages}");
        }
        for (var i = 0; i < images.Count; i++)
        {
            if (images[i].LongLength > limits.MaxImageBytes)
            {
                return new ApiError(413, $"image {i + 1} is {images[i].LongLength} bytes, the limit is {limits.MaxImageBytes}");
            }
        }
        return textChars > limits.MaxPromptChars
            ? new ApiError(413, $"{textName} too long: {textChars} characters, the limit is {limits.MaxPromptChars}")
            : null;
    }
}
