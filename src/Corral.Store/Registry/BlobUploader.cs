using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Corral.Store.Registry;

/// <summary>
/// Uploads one blob the registry lacks: HEAD, POST (with a cross-repository mount when the layer names its source
/// model), PATCH the bytes in Content-Range parts, PUT with the digest (Ollama's server/upload.go; OCI distribution
/// spec "push").
/// </summary>
internal sealed partial class BlobUploader(RegistryTransport transport, IRegistryBlobStore store, RegistryOptions options)
{
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePart();

    public async Task UploadAsync(string repository, RegistryLayer layer, IProgress<RegistryProgress>? progress,
        CancellationToken cancellationToken)
    {
        var blobUri = new Uri(transport.RegistryBase, $"v2/{repository}/blobs/{layer.Digest}");
        var exists = await RegistryRetry.RunAsync(async () =>
        {
            using var head = await transport.SendAsync(HttpMethod.Head, blobUri, null, null, cancellationToken)
                .ConfigureAwait(false);
            if (head.IsSuccessStatusCode || head.StatusCode == HttpStatusCode.NotFound)
                return head.IsSuccessStatusCode;
            throw await RegistryTransport.ErrorAsync(head, "", cancellationToken).ConfigureAwait(false);
        }, options, cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            new LayerProgress("pushing", layer, progress, options.ProgressInterval, layer.Size).Report();
            return;
        }

        // A failed upload session cannot be trusted to have kept a consistent offset: start a new one on retry.
        await RegistryRetry.RunAsync(async () =>
        {
            await TransferAsync(repository, layer, progress, cancellationToken).ConfigureAwait(false);
            return true;
        }, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task TransferAsync(string repository, RegistryLayer layer, IProgress<RegistryProgress>? progress,
        CancellationToken cancellationToken)
    {
        var reporter = new LayerProgress("pushing", layer, progress, options.ProgressInterval, 0);
        reporter.Report();
        var location = await StartUploadAsync(repository, layer, cancellationToken).ConfigureAwait(false);
        if (location is null)
        {
            reporter.Add(layer.Size);
            return;
        }

        // Parts sized like downloads; each PATCH may be redirected (307) to storage that takes the part with a PUT
        // and no credentials (X-Redirect-Uploads, Ollama's upload.go). The etag lets such storage assemble parts.
        var partHashes = new List<byte>();
        var parts = BlobPart.Plan(layer.Size, options);
        foreach (var part in parts)
        {
            using var patch = await transport.SendAsync(HttpMethod.Patch, location, () => PartContent(layer, part, reporter),
                request => request.Headers.TryAddWithoutValidation("X-Redirect-Uploads", "1"), cancellationToken)
                .ConfigureAwait(false);
            var next = Header(patch, "Docker-Upload-Location");
            if (patch.StatusCode == HttpStatusCode.TemporaryRedirect && patch.Headers.Location is { } redirect)
            {
                // A part PUT to storage is idempotent, so it is retried alone rather than restarting the session.
                await RegistryRetry.RunAsync(async () =>
                {
                    using var put = await transport.SendAsync(HttpMethod.Put, new Uri(location, redirect),
                        () => PartContent(layer, part, reporter), null, cancellationToken).ConfigureAwait(false);
                    if (!put.IsSuccessStatusCode)
                        throw await RegistryTransport.ErrorAsync(put, "", cancellationToken).ConfigureAwait(false);
                    return true;
                }, options, cancellationToken).ConfigureAwait(false);
            }
            else if (!patch.IsSuccessStatusCode)
                throw await RegistryTransport.ErrorAsync(patch, "", cancellationToken).ConfigureAwait(false);
            else
                next ??= patch.Headers.Location?.OriginalString;
            location = next is null ? location : new Uri(location, next);
            partHashes.AddRange(await PartMd5Async(layer, part, cancellationToken).ConfigureAwait(false));
        }

        var etag = $"{Convert.ToHexStringLower(MD5.HashData(partHashes.ToArray()))}-{parts.Count}";
        using var commit = await transport.SendAsync(HttpMethod.Put, WithQuery(location, layer.Digest.ToString(), etag),
            () => new ByteArrayContent([]), null, cancellationToken).ConfigureAwait(false);
        if (!commit.IsSuccessStatusCode)
            throw await RegistryTransport.ErrorAsync(commit, "", cancellationToken).ConfigureAwait(false);
    }

    private HttpContent PartContent(RegistryLayer layer, BlobPart part, LayerProgress reporter)
    {
        var blob = store.OpenRead(layer.Digest);
        blob.Seek(part.Offset, SeekOrigin.Begin);
        var content = new StreamContent(new ProgressReadStream(blob, reporter, part.Size));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = part.Size;
        content.Headers.TryAddWithoutValidation("Content-Range", $"{part.Offset}-{part.Offset + part.Size - 1}");
        return content;
    }

    private async Task<byte[]> PartMd5Async(RegistryLayer layer, BlobPart part, CancellationToken cancellationToken)
    {
        await using var blob = store.OpenRead(layer.Digest);
        blob.Seek(part.Offset, SeekOrigin.Begin);
        var slice = new ProgressReadStream(blob, null, part.Size);
        return await MD5.HashDataAsync(slice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the upload URL, or null when the registry mounted the blob from another repository (201).</summary>
    private async Task<Uri?> StartUploadAsync(string repository, RegistryLayer layer, CancellationToken cancellationToken)
    {
        var query = MountSource(layer.From) is { } from
            ? $"?mount={Uri.EscapeDataString(layer.Digest.ToString())}&from={Uri.EscapeDataString(from)}"
            : "";
        var uri = new Uri(transport.RegistryBase, $"v2/{repository}/blobs/uploads/{query}");
        using var response = await transport.SendAsync(HttpMethod.Post, uri, () => new ByteArrayContent([]), null,
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created && query.Length > 0)
            return null;
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw await RegistryTransport.ErrorAsync(response, "", cancellationToken).ConfigureAwait(false);
        return UploadLocation(response, uri)
               ?? throw new RegistryException(RegistryErrorKind.RegistryError, "registry gave no upload location");
    }

    /// <summary>Ollama's <c>from</c> is a model name; the mount source is its <c>namespace/model</c>.</summary>
    private static string? MountSource(string? from)
    {
        if (string.IsNullOrEmpty(from))
            return null;
        var slash = from.LastIndexOf('/');
        var colon = from.LastIndexOf(':');
        var name = colon > slash ? from[..colon] : from;
        var segments = name.Split('/');
        var model = segments[^1];
        var ns = segments.Length > 1 ? segments[^2] : RegistryReference.DefaultNamespace;
        return NamePart().IsMatch(model) && NamePart().IsMatch(ns) && !ns.Contains('.') ? $"{ns}/{model}" : null;
    }

    private static Uri? UploadLocation(HttpResponseMessage response, Uri requestUri) =>
        (Header(response, "Docker-Upload-Location") ?? response.Headers.Location?.OriginalString) is { } value
            ? new Uri(requestUri, value)
            : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static Uri WithQuery(Uri location, string digest, string etag)
    {
        var builder = new UriBuilder(location);
        var existing = builder.Query.TrimStart('?');
        builder.Query = (existing.Length > 0 ? existing + "&" : "") +
                        $"digest={Uri.EscapeDataString(digest)}&etag={Uri.EscapeDataString(etag)}";
        return builder.Uri;
    }
}
