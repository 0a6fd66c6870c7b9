using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace Corral.Store.Registry;

/// <summary>
/// Pull and push over the OCI distribution API v2 with Ollama's media types and progress statuses
/// (ollama/server/images.go PullModel/PushModel, download.go, upload.go). One instance per operation or per
/// registry; it caches the bearer token it obtains. Progress may be reported from several threads.
/// </summary>
public sealed class RegistryClient : IDisposable
{
    /// <summary>One gate per partial file in this process; entries are tiny and bounded by the blobs ever pulled.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> DownloadGates = new(StringComparer.Ordinal);

    private readonly IRegistryBlobStore _store;
    private readonly RegistryOptions _options;
    private readonly HttpClient _http;

    public RegistryClient(IRegistryBlobStore store, RegistryOptions options)
    {
        _store = store;
        _options = options;
        _http = new HttpClient(CreateHandler(options), disposeHandler: true);
    }

    /// <summary>
    /// No automatic redirects (followed by hand so credentials stay on the registry host), no automatic
    /// decompression (a gzip bomb from a hostile registry, CVE-2024-12886, is just bytes that fail their digest),
    /// and the system proxy from HTTPS_PROXY/HTTP_PROXY/NO_PROXY unless an explicit one is given.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(RegistryOptions options) => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = true,
        Proxy = options.Proxy ?? HttpClient.DefaultProxy,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>
    /// Fetches the manifest, downloads and verifies every missing blob, commits them to the store, and returns the
    /// manifest bytes for the caller to write last. Reports <c>pulling manifest</c>, <c>pulling &lt;hex&gt;</c>
    /// and <c>verifying sha256 digest</c>.
    /// </summary>
    public Task<RegistryPullResult> PullAsync(RegistryReference reference, IProgress<RegistryProgress>? progress,
        CancellationToken cancellationToken) =>
        AsRegistryErrorAsync(() => PullCoreAsync(reference, progress, cancellationToken), cancellationToken);

    /// <summary>
    /// Uploads every blob of <paramref name="manifestBytes"/> the registry lacks, then PUTs the manifest bytes
    /// unchanged. Reports <c>retrieving manifest</c>, <c>pushing &lt;hex&gt;</c>, <c>pushing manifest</c>, <c>success</c>.
    /// </summary>
    public Task PushAsync(RegistryReference reference, byte[] manifestBytes, IProgress<RegistryProgress>? progress,
        CancellationToken cancellationToken) =>
        AsRegistryErrorAsync(async () =>
        {
            await PushCoreAsync(reference, manifestBytes, progress, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>Network failures that outlived their retries surface as one error type the server can map.</summary>
    private static async Task<T> AsRegistryErrorAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RegistryException && RegistryRetry.IsTransient(e, cancellationToken))
        {
            throw new RegistryException(RegistryErrorKind.Transient, e.Message, e);
        }
    }

    private async Task<RegistryPullResult> PullCoreAsync(RegistryReference reference,
        IProgress<RegistryProgress>? progress, CancellationToken cancellationToken)
    {
        var transport = new RegistryTransport(_http, _options, reference.BaseUri(_options.Insecure));
        progress?.Report(new RegistryProgress("pulling manifest"));
        var manifestBytes = await RegistryRetry.RunAsync(() => FetchManifestAsync(transport, reference, cancellationToken),
            _options, cancellationToken).ConfigureAwait(false);
        var manifest = RegistryManifest.Parse(manifestBytes, _options);

        var downloader = new BlobDownloader(transport, _store, _options);
        foreach (var layer in manifest.Blobs)
        {
            // Concurrent pulls of one blob share the download: the second waits, then finds it committed.
            var gate = DownloadGates.GetOrAdd(_store.PartialPath(layer.Digest), _ => new SemaphoreSlim(1, 1));
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_store.Exists(layer.Digest))
                {
                    new LayerProgress("pulling", layer, progress, _options.ProgressInterval, layer.Size).Report();
                    continue;
                }
                await downloader.DownloadAsync(reference.Repository, layer, progress, cancellationToken)
                    .ConfigureAwait(false);
                // Verified and committed while the gate is held, so no one else ever sees a half-checked blob.
                await downloader.VerifyAndCommitAsync(layer, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }

        progress?.Report(new RegistryProgress("verifying sha256 digest"));
        return new RegistryPullResult(manifestBytes, manifest);
    }

    private async Task PushCoreAsync(RegistryReference reference, byte[] manifestBytes,
        IProgress<RegistryProgress>? progress, CancellationToken cancellationToken)
    {
        var transport = new RegistryTransport(_http, _options, reference.BaseUri(_options.Insecure));
        progress?.Report(new RegistryProgress("retrieving manifest"));
        var manifest = RegistryManifest.Parse(manifestBytes, _options);
        // Checked before any upload, so a damaged local model is not half pushed.
        foreach (var layer in manifest.Blobs)
            if (_store.GetSize(layer.Digest) is not { } size)
                throw new RegistryException(RegistryErrorKind.NotFound, $"blob {layer.Digest} is missing from the store");
            else if (size != layer.Size)
                throw new RegistryException(RegistryErrorKind.InvalidManifest,
                    $"blob {layer.Digest} is {size} bytes but the manifest says {layer.Size}");

        var uploader = new BlobUploader(transport, _store, _options);
        foreach (var layer in manifest.Blobs)
            await uploader.UploadAsync(reference.Repository, layer, progress, cancellationToken).ConfigureAwait(false);

        progress?.Report(new RegistryProgress("pushing manifest"));
        var uri = new Uri(transport.RegistryBase, $"v2/{reference.Repository}/manifests/{reference.Tag}");
        await RegistryRetry.RunAsync(async () =>
        {
            using var response = await transport.SendAsync(HttpMethod.Put, uri, () =>
            {
                var content = new ByteArrayContent(manifestBytes);
                content.Headers.ContentType = new MediaTypeHeaderValue(manifest.ContentType);
                return content;
            }, null, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw await RegistryTransport.ErrorAsync(response, "", cancellationToken).ConfigureAwait(false);
            return true;
        }, _options, cancellationToken).ConfigureAwait(false);
        progress?.Report(new RegistryProgress("success"));
    }

    private async Task<byte[]> FetchManifestAsync(RegistryTransport transport, RegistryReference reference,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(transport.RegistryBase, $"v2/{reference.Repository}/manifests/{reference.Tag}");
        using var response = await transport.SendAsync(HttpMethod.Get, uri, null,
            request =>
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(RegistryManifest.DockerMediaType));
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(RegistryManifest.OciMediaType, 0.9));
            },
            cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw await RegistryTransport.ErrorAsync(response, "pull model manifest: ", cancellationToken).ConfigureAwait(false);
        var bytes = await RegistryTransport.ReadAtMostAsync(response, _options.MaxManifestBytes, cancellationToken)
            .ConfigureAwait(false);
        if (bytes.Length > _options.MaxManifestBytes)
            throw new RegistryException(RegistryErrorKind.InvalidManifest,
                $"pull model manifest: manifest is larger than {_options.MaxManifestBytes} bytes");
        return bytes;
    }
}
