using System.Runtime.CompilerServices;
using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Server.Models;

namespace Corral.Server.Tests.Fakes;

/// <summary>A dictionary-backed catalog with Ollama-like name rules, standing in for Corral.Store in HTTP tests.</summary>
public sealed class InMemoryModelCatalog : IModelCatalog
{
    private readonly Dictionary<string, CatalogModel> _models = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _blobs = [];

    public void Add(string name, params string[] capabilities)
    {
        var normalized = Normalize(name);
        _models[normalized] = new CatalogModel
        {
            FullName = "registry.ollama.ai/library/" + normalized,
            ShortName = normalized,
            ModelPath = "/blobs/" + normalized,
            Capabilities = capabilities.Length > 0 ? capabilities : ["completion"],
            Details = new ModelDetails { Format = "gguf", Family = "llama", Families = ["llama"], ParameterSize = "1M", QuantizationLevel = "F16" },
            Digest = new string('a', 64),
            Size = 1234,
        };
    }

    public void Replace(string name, Func<CatalogModel, CatalogModel> change) => _models[Normalize(name)] = change(_models[Normalize(name)]);

    // Mirrors the Store's rules closely enough for HTTP tests: no traversal, at most one tag, bounded length.
    public bool IsValidName(string name) =>
        name.Length is > 0 and <= 350
        && !name.Contains("..", StringComparison.Ordinal)
        && !name.Contains('\\')
        && name.Count(c => c == ':') <= 1
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '/');

    public Task<CatalogModel?> FindAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_models.GetValueOrDefault(Normalize(name)));

    public Task<IReadOnlyList<ListModelResponse>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ListModelResponse>>(_models.Values.Select(model => new ListModelResponse
        {
            Name = model.ShortName, Model = model.ShortName, Size = model.Size, Digest = model.Digest, Details = model.Details,
            ModifiedAt = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero),
        }).ToList());

    public Task<(ShowResponse? Response, ApiError? Error)> ShowAsync(ShowRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<(ShowResponse?, ApiError?)>(_models.TryGetValue(Normalize(request.Model), out var model)
            ? (new ShowResponse { Details = model.Details, Capabilities = model.Capabilities, ModelInfo = [] }, null)
            : (null, new ApiError(404, $"model '{Normalize(request.Model)}' not found")));

    public Task<ApiError?> CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        if (!_models.TryGetValue(Normalize(source), out var model))
        {
            return Task.FromResult<ApiError?>(new ApiError(404, $"model \"{source}\" not found"));
        }
        _models[Normalize(destination)] = model with { ShortName = Normalize(destination) };
        return Task.FromResult<ApiError?>(null);
    }

    public Task<ApiError?> DeleteAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_models.Remove(Normalize(name)) ? null : new ApiError(404, $"model '{name}' not found"));

    public Task<bool> BlobExistsAsync(string digest, CancellationToken cancellationToken) => Task.FromResult(_blobs.Contains(digest));

    public async Task<ApiError?> WriteBlobAsync(string digest, Stream content, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(content, cancellationToken));
        if (!string.Equals(digest[7..], hash, StringComparison.OrdinalIgnoreCase))
        {
            return new ApiError(400, $"digest mismatch, expected \"{digest}\", got \"sha256:{hash}\"");
        }
        _blobs.Add(digest);
        return null;
    }

    public IAsyncEnumerable<ProgressUpdate> CreateAsync(CreateRequest request, CancellationToken cancellationToken) =>
        CreateStepsAsync(request, cancellationToken);

    public IAsyncEnumerable<ProgressUpdate> PullAsync(PullRequest request, CancellationToken cancellationToken) =>
        PullStepsAsync(request, cancellationToken);

    public async IAsyncEnumerable<ProgressUpdate> PushAsync(PushRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return ProgressUpdate.Of(new ProgressResponse { Status = "retrieving manifest" });
        yield return ProgressUpdate.Fail(new ApiError(500, "couldn't retrieve manifest"));
    }

    private async IAsyncEnumerable<ProgressUpdate> CreateStepsAsync(CreateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        if (request.From is null && request.Files is null)
        {
            yield return ProgressUpdate.Fail(new ApiError(400, "neither 'from' or 'files' was specified"));
            yield break;
        }
        yield return ProgressUpdate.Of(new ProgressResponse { Status = "parsing GGUF" });
        Add(request.Model);
        yield return ProgressUpdate.Of(new ProgressResponse { Status = "writing manifest" });
        yield return ProgressUpdate.Of(new ProgressResponse { Status = "success" });
    }

    private async IAsyncEnumerable<ProgressUpdate> PullStepsAsync(PullRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        yield return ProgressUpdate.Of(new ProgressResponse { Status = "pulling manifest" });
        yield return ProgressUpdate.Of(new ProgressResponse { Status = "pulling abcdef012345", Digest = "sha256:abcdef012345", Total = 10, Completed = 10 });
        yield return ProgressUpdate.Of(new ProgressResponse { Status = "success" });
    }

    private static string Normalize(string name) => name.Contains(':') ? name : name + ":latest";
}
