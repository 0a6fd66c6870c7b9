using Corral.Contracts;
using Corral.Server.Http;
using Corral.Server.Models;

namespace Corral.Server.Endpoints;

/// <summary><c>/api/create</c>, <c>/api/pull</c>, <c>/api/push</c>: validation here, the work in the catalog, progress streamed.</summary>
internal static class TransferEndpoints
{
    public static async Task CreateAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.CreateRequest, context.RequestAborted);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        var name = ModelEndpoints.FirstNonEmpty(request.Model, request.Name);
        if (!services.Catalog.IsValidName(name))
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.InvalidModelName);
            return;
        }
        if (request.Files?.Keys.FirstOrDefault(path => !IsRelativePath(path)) is not null)
        {
            await ApiResults.WriteErrorAsync(context.Response, new ApiError(400, "file path must be relative"));
            return;
        }
        if (request.Files?.Values.Any(digest => !Digests.IsValid(digest)) == true)
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.InvalidDigest);
            return;
        }
        var normalized = request with { Model = name, Quantize = request.Quantize ?? request.Quantization };
        await ProgressStreaming.RunAsync(context, request.Stream ?? true, services.Catalog.CreateAsync(normalized, context.RequestAborted));
    }

    public static async Task PullAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.PullRequest, context.RequestAborted);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        var name = ModelEndpoints.FirstNonEmpty(request.Model, request.Name);
        if (name.Length == 0 || !services.Catalog.IsValidName(name))
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.InvalidModelName);
            return;
        }
        await ProgressStreaming.RunAsync(context, request.Stream ?? true,
            services.Catalog.PullAsync(request with { Model = name }, context.RequestAborted));
    }

    public static async Task PushAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.PushRequest, context.RequestAborted);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        var name = ModelEndpoints.FirstNonEmpty(request.Model, request.Name);
        if (name.Length == 0)
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.ModelRequired);
            return;
        }
        if (!services.Catalog.IsValidName(name))
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.InvalidModelName);
            return;
        }
        await ProgressStreaming.RunAsync(context, request.Stream ?? true,
            services.Catalog.PushAsync(request with { Model = name }, context.RequestAborted));
    }

    // Go's fs.ValidPath: relative, slash-separated, no empty, "." or ".." elements.
    private static bool IsRelativePath(string path) =>
        path == "." || (path.Length > 0 && !path.Contains('\\') && path.Split('/').All(part => part is not ("" or "." or "..")));
}
