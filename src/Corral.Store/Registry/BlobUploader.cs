using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Corral.Store.Registry;

/// <summary>
/// Uploads one blob the registry lacks: HEAD, POST (with a cross-repository mount when the layer names its source
/// model), PATCH the bytes, PUT with the digest (Ollama's server/upload.go; OCI distribution spec "push").
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

        // One PATCH streams the whole blob; Content-Range lets the registry check we start where it expects.
        using var patch = await transport.SendAsync(HttpMethod.Patch, location, () =>
        {
            var content = new StreamContent(new ProgressReadStream(store.OpenRead(layer.Digest), reporter));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Headers.ContentLength = layer.Size;
            content.Headers.TryAddWithoutValidation("Content-Range", $"0-{Math.Max(0, layer.Size - 1)}");
            return content;
        }, null, cancellationToken).ConfigureAwait(false);
        if (!patch.IsSuccessStatusCode)
            throw await RegistryTransport.ErrorAsync(patch, "", cancellationToken).ConfigureAwait(false);
        var commitUri = WithDigest(UploadLocation(patch, location) ?? location, layer.Digest);

        using var put = await transport.SendAsync(HttpMethod.Put, commitUri,
            () => new ByteArrayContent([]), null, cancellationToken).ConfigureAwait(false);
        if (!put.IsSuccessStatusCode)
            throw await RegistryTransport.ErrorAsync(put, "", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the upload URL, or null when the registry mounted the blob from another repository (201).</summary>
    private async Task<Uri?> StartUploadAsync(string repository, RegistryLayer layer, CancellationToken cancellationToken)
    {
        var query = MountSource(layer.From) is { } from
            ? $"?mount={Uri.EscapeDataString(layer.Digest)}&from={Uri.EscapeDataString(from)}"
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

    private static Uri? UploadLocation(HttpResponseMessage response, Uri requestUri)
    {
        var value = response.Headers.TryGetValues("Docker-Upload-Location", out var values)
            ? values.FirstOrDefault()
            : response.Headers.Location?.OriginalString;
        return value is null ? null : new Uri(requestUri, value);
    }

    private static Uri WithDigest(Uri location, string digest)
    {
        var builder = new UriBuilder(location);
        var existing = builder.Query.TrimStart('?');
        builder.Query = (existing.Length > 0 ? existing + "&" : "") + "digest=" + Uri.EscapeDataString(digest);
        return builder.Uri;
    }
}
