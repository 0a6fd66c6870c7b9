using Corral.Contracts.Runner;
using Corral.Server.Http;
using Corral.Server.Models;
using Corral.Server.Scheduling;

namespace Corral.Server.Endpoints;

/// <summary>Model lookup and runner call shared by <c>/api/embed</c> and <c>/api/embeddings</c>.</summary>
internal static class EmbeddingModels
{
    public static async Task<(CatalogModel? Model, ApiError? Error)> FindAsync(RequestServices services, string requested, ApiError whenEmpty,
        CancellationToken cancellationToken)
    {
        var name = requested.Trim();
        if (name.Length == 0)
        {
            return (null, whenEmpty);
        }
        var (localName, referenceError) = ModelReference.Resolve(name);
        if (localName is null || !services.Catalog.IsValidName(localName))
        {
            return (null, referenceError ?? ApiErrors.InvalidModelName);
        }
        var model = await services.Catalog.FindAsync(localName, cancellationToken);
        return model is null ? (null, ApiErrors.ModelNotFoundTryPulling(requested)) : (model, null);
    }

    public static async Task<(EmbeddingResponse? Result, ApiError? Error)> EmbedAsync(SchedulerLease lease, EmbeddingRequest request,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await lease.Runner.EmbedAsync(request, cancellationToken), null);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return (null, lease.RunnerExited ? ApiErrors.RunnerStopped : new ApiError(500, error.Message));
        }
    }
}
