using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Server.Models;
using Corral.Store;
using Corral.Store.Blobs;
using Corral.Store.Create;
using Corral.Store.Models;
using Corral.Store.Names;
using Corral.Store.Registry;
using Corral.Store.Transfer;
using Corral.Store.Show;

namespace Corral.Server.Wiring;

/// <summary>
/// The server's model catalog over the real on-disk store (Corral.Store): lookups, show/list, copy/delete,
/// blob uploads and create. Store failures are <see cref="StoreException"/>s carrying Ollama's status and
/// message; they become <see cref="ApiError"/> values here so the endpoints answer them unchanged.
/// </summary>
public sealed class StoreCatalog(ModelStore store, CreateService creator, ModelTransferService transfer) : IModelCatalog
{
    private readonly ShowService _show = new(store);

    public bool IsValidName(string name) => ModelName.Parse(name).IsValid;

    public Task<CatalogModel?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var parsed = ModelName.Parse(name);
        if (_show.Find(parsed) is not var (stored, layers, capabilities))
        {
            return Task.FromResult<CatalogModel?>(null);
        }
        return Task.FromResult<CatalogModel?>(new CatalogModel
        {
            FullName = stored.Name.DisplayFull,
            ShortName = stored.Name.DisplayShortest,
            // A model without weights (e.g. a manifest of only a template) cannot be loaded; the runner says so.
            ModelPath = layers.ModelPath ?? "",
            ProjectorPaths = layers.Projectors,
            Template = layers.Template,
            System = layers.System,
            Parameters = StoreMapping.ToElements(layers.Parameters),
            Messages = layers.Messages.Select(m => new Message { Role = m.Role, Content = m.Content }).ToList(),
            Capabilities = capabilities,
            Details = ShowService.Details(layers.Config, layers.ParentModel),
            Digest = stored.Digest,
            Size = stored.Manifest.TotalSize,
        });
    }

    public Task<IReadOnlyList<ListModelResponse>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ListModelResponse>>(_show.List().Select(entry => new ListModelResponse
        {
            Name = entry.Name,
            Model = entry.Model,
            ModifiedAt = entry.ModifiedAt,
            Size = entry.Size,
            Digest = entry.Digest,
            Details = entry.Details,
            Capabilities = entry.Capabilities,
        }).ToList());

    public Task<(ShowResponse? Response, ApiError? Error)> ShowAsync(ShowRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var info = _show.Show(request.Model, request.Verbose, request.System, StoreMapping.ToObject(request.Options));
            return Task.FromResult<(ShowResponse?, ApiError?)>((StoreMapping.ToShowResponse(info), null));
        }
        catch (StoreException e)
        {
            return Task.FromResult<(ShowResponse?, ApiError?)>((null, new ApiError(e.Status, e.Message)));
        }
    }

    public async Task<ApiError?> CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        try
        {
            await store.CopyAsync(source, destination, cancellationToken);
            return null;
        }
        catch (StoreException e)
        {
            return new ApiError(e.Status, e.Message);
        }
    }

    public async Task<ApiError?> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(name, cancellationToken);
            return null;
        }
        catch (StoreException e)
        {
            return new ApiError(e.Status, e.Message);
        }
    }

    public Task<bool> BlobExistsAsync(string digest, CancellationToken cancellationToken) =>
        Task.FromResult(store.Blobs.Exists(Digest.Parse(digest)));

    public async Task<ApiError?> WriteBlobAsync(string digest, Stream content, CancellationToken cancellationToken)
    {
        try
        {
            await store.Blobs.WriteAsync(digest, content, cancellationToken);
            return null;
        }
        catch (StoreException e)
        {
            return new ApiError(e.Status, e.Message);
        }
    }

    public async IAsyncEnumerable<ProgressUpdate> CreateAsync(CreateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The store reads create bodies itself (aliases, license as string or list), so hand it the wire JSON.
        var body = (JsonObject)JsonSerializer.SerializeToNode(request, CorralJsonContext.Wire.CreateRequest)!;
        CreateModelRequest? read = null;
        ApiError? invalid = null;
        try
        {
            read = CreateRequestReader.Read(body);
        }
        catch (StoreException e)
        {
            // A mistyped field (license: 5) is the request's fault: its 400, not an unhandled 500.
            invalid = new ApiError(e.Status, e.Message);
        }
        if (invalid is not null)
        {
            yield return ProgressUpdate.Fail(invalid);
            yield break;
        }
        await using var steps = creator.CreateAsync(read!, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ProgressUpdate update;
            try
            {
                if (!await steps.MoveNextAsync())
                {
                    yield break;
                }
                var step = steps.Current;
                update = ProgressUpdate.Of(new ProgressResponse
                {
                    Status = step.Status, Digest = step.Digest, Total = step.Total ?? 0, Completed = step.Completed ?? 0,
                });
            }
            catch (StoreException e)
            {
                update = ProgressUpdate.Fail(new ApiError(e.Status, e.Message));
            }
            yield return update;
            if (update.Error is not null)
            {
                yield break;
            }
        }
    }

    public IAsyncEnumerable<ProgressUpdate> PullAsync(PullRequest request, CancellationToken cancellationToken) =>
        TransferAsync(transfer.PullAsync(request.Model, request.Insecure, cancellationToken));

    public IAsyncEnumerable<ProgressUpdate> PushAsync(PushRequest request, CancellationToken cancellationToken) =>
        TransferAsync(transfer.PushAsync(request.Model, request.Insecure, cancellationToken));

    // Ollama ends a failed pull/push stream with {"error": message}; without streaming that is a 500
    // (routes.go waitForStream), except store errors that carry their own status (invalid name, missing model)
    // and, in Corral, a model the registry does not have.
    private static async IAsyncEnumerable<ProgressUpdate> TransferAsync(IAsyncEnumerable<RegistryProgress> steps)
    {
        await using var enumerator = steps.GetAsyncEnumerator();
        while (true)
        {
            ProgressUpdate update;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }
                var step = enumerator.Current;
                update = ProgressUpdate.Of(new ProgressResponse
                {
                    Status = step.Status, Digest = step.Digest, Total = step.Total, Completed = step.Completed,
                });
            }
            catch (StoreException e)
            {
                update = ProgressUpdate.Fail(new ApiError(e.Status, e.Message));
            }
            catch (RegistryException e)
            {
                // A model the registry does not have is a 404 (Ollama: 500); other registry failures stay 500.
                update = ProgressUpdate.Fail(new ApiError(e.Kind == RegistryErrorKind.NotFound ? 404 : 500, e.Message));
            }
            yield return update;
            if (update.Error is not null)
            {
                yield break;
            }
        }
    }
}
