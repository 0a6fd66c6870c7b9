using Corral.Contracts;
using Corral.Contracts.Json;
using Corral.Contracts.Ollama;
using Corral.Server.Http;

namespace Corral.Server.Endpoints;

/// <summary><c>/api/tags</c>, <c>/api/show</c>, <c>/api/copy</c>, <c>/api/delete</c> (reference sections 1.7-1.9).</summary>
internal static class ModelEndpoints
{
    public static async Task ListAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var models = await services.Catalog.ListAsync(context.RequestAborted);
        await ApiResults.WriteJsonAsync(context.Response, new ListResponse { Models = models }, CorralJsonContext.Wire.ListResponse);
    }

    public static async Task ShowAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.ShowRequest, context.RequestAborted);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        var name = FirstNonEmpty(request.Model, request.Name);
        if (name.Length == 0)
        {
            await ApiResults.WriteErrorAsync(context.Response, ApiErrors.ModelRequired);
            return;
        }
        var (localName, referenceError) = ModelReference.Resolve(name);
        if (localName is null || !services.Catalog.IsValidName(localName))
        {
            await ApiResults.WriteErrorAsync(context.Response, referenceError ?? ApiErrors.InvalidModelName);
            return;
        }
        var (response, showError) = await services.Catalog.ShowAsync(request with { Model = localName }, context.RequestAborted);
        if (response is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, showError!);
            return;
        }
        await ApiResults.WriteJsonAsync(context.Response, response, CorralJsonContext.Wire.ShowResponse);
    }

    public static async Task CopyAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.CopyRequest, context.RequestAborted);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        error = !services.Catalog.IsValidName(request.Source) ? new ApiError(400, $"source {GoQuote.Quote(request.Source)} is invalid")
            : !services.Catalog.IsValidName(request.Destination) ? new ApiError(400, $"destination {GoQuote.Quote(request.Destination)} is invalid")
            : await services.Catalog.CopyAsync(request.Source, request.Destination, context.RequestAborted);
        await (error is null ? ApiResults.WriteOkAsync(context.Response) : ApiResults.WriteErrorAsync(context.Response, error));
    }

    public static async Task DeleteAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var (request, error) = await JsonBody.ReadAsync(context.Request, CorralJsonContext.Wire.DeleteRequest, context.RequestAborted);
        if (request is null)
        {
            await ApiResults.WriteErrorAsync(context.Response, error!);
            return;
        }
        var name = FirstNonEmpty(request.Model, request.Name);
        error = !services.Catalog.IsValidName(name) ? new ApiError(400, $"name {GoQuote.Quote(name)} is invalid")
            : await services.Catalog.DeleteAsync(name, context.RequestAborted);
        await (error is null ? ApiResults.WriteOkAsync(context.Response) : ApiResults.WriteErrorAsync(context.Response, error));
    }

    /// <summary>The deprecated <c>name</c> field is used when <c>model</c> is empty.</summary>
    public static string FirstNonEmpty(string model, string? name) => (model.Trim().Length > 0 ? model : name ?? "").Trim();
}
