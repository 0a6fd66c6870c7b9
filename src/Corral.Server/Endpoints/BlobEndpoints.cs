using Corral.Contracts.Json;
using Corral.Server.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Corral.Server.Endpoints;

/// <summary><c>HEAD/POST /api/blobs/:digest</c> (reference section 1.6).</summary>
internal static class BlobEndpoints
{
    public static async Task HeadAsync(HttpContext context, string digest)
    {
        var services = RequestServices.From(context);
        if (!Digests.IsValid(digest))
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.InvalidDigest);
            return;
        }
        var exists = await services.Catalog.BlobExistsAsync(digest, context.RequestAborted);
        if (!exists)
        {
            await ApiResults.WriteErrorAsync(context.Response, new ApiError(404, $"blob {GoQuote.Quote(digest)} not found"));
            return;
        }
        context.Response.StatusCode = 200;
    }

    public static async Task PostAsync(HttpContext context, string digest)
    {
        var services = RequestServices.From(context);
        if (!Digests.IsValid(digest))
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.InvalidDigest);
            return;
        }
        if (await services.Catalog.BlobExistsAsync(digest, context.RequestAborted))
        {
            context.Response.StatusCode = 200;
            return;
        }
        // Model blobs are gigabytes: lift Kestrel's 30 MB default for this one streamed upload.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        var error = await services.Catalog.WriteBlobAsync(digest, context.Request.Body, context.RequestAborted);
        if (error is not null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error);
            return;
        }
        context.Response.StatusCode = 201;
    }
}
