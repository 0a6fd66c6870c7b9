using Corral.Server.Hosting;
using Corral.Server.Http;

namespace Corral.Server.Endpoints;

/// <summary>
/// The per-request input limits of generate and chat (and so of /v1 and /v1/messages, which run through them),
/// checked right after the body is read: a huge prompt or image is refused before any model is loaded.
/// </summary>
internal static class InputLimits
{
    public static ApiError? Check(RequestLimits limits, long textChars, IReadOnlyList<byte[]> images)
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
            ? new ApiError(413, $"prompt too long: {textChars} characters, the limit is {limits.MaxPromptChars}")
            : null;
    }
}
