using System.Text.Json.Serialization;

namespace Corral.Store.Manifests;

/// <summary>The OCI <c>rootfs</c> member of the config blob (Go <c>RootFS</c>).</summary>
public sealed record RootFs(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("diff_ids")] IReadOnlyList<string> DiffIds);
