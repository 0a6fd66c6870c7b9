using Corral.Contracts.Ollama;
using Corral.Server.Http;

namespace Corral.Server.Models;

/// <summary>
/// The server's view of the model store (Corral.Store implements it): name checks, lookups and the model
/// management operations. The server validates requests and shapes errors; the catalog does the work.
/// </summary>
public interface IModelCatalog
{
    /// <summary>True when <paramref name="name"/> is a valid model reference (no traversal, right number of parts, length).</summary>
    bool IsValidName(string name);

    /// <summary>The model for a valid name, or null when it is not in the store.</summary>
    Task<CatalogModel?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>Local models, newest first.</summary>
    Task<IReadOnlyList<ListModelResponse>> ListAsync(CancellationToken cancellationToken);

    Task<(ShowResponse? Response, ApiError? Error)> ShowAsync(ShowRequest request, CancellationToken cancellationToken);

    Task<ApiError?> CopyAsync(string source, string destination, CancellationToken cancellationToken);

    Task<ApiError?> DeleteAsync(string name, CancellationToken cancellationToken);

    /// <summary><paramref name="digest"/> is already validated (<c>sha256:</c> or <c>sha256-</c> + 64 hex).</summary>
    Task<bool> BlobExistsAsync(string digest, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> under <paramref name="digest"/> after verifying it.</summary>
    Task<ApiError?> WriteBlobAsync(string digest, Stream content, CancellationToken cancellationToken);

    IAsyncEnumerable<ProgressUpdate> CreateAsync(CreateRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<ProgressUpdate> PullAsync(PullRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<ProgressUpdate> PushAsync(PushRequest request, CancellationToken cancellationToken);
}
