using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Corral.Store.Manifests;

namespace Corral.Store;

/// <summary>Source-generated JSON for the on-disk formats (manifest, config, params, messages).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(ModelConfig))]
[JsonSerializable(typeof(List<ModelMessage>))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
