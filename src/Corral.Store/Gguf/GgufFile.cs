namespace Corral.Store.Gguf;

/// <summary>Parsed GGUF metadata: key/value pairs in file order and tensor descriptors (no tensor data).</summary>
public sealed class GgufFile(
    uint version,
    IReadOnlyDictionary<string, object> metadata,
    IReadOnlyList<GgufTensorInfo> tensors,
    ulong dataOffset)
{
    public uint Version { get; } = version;

    /// <summary>Values are boxed scalars (byte, sbyte, ushort, short, uint, int, float, bool, ulong, long,
    /// double), strings or <see cref="GgufArray"/>.</summary>
    public IReadOnlyDictionary<string, object> Metadata { get; } = metadata;

    public IReadOnlyList<GgufTensorInfo> Tensors { get; } = tensors;

    /// <summary>Absolute file offset where tensor data begins.</summary>
    public ulong DataOffset { get; } = dataOffset;

    public string Architecture => GetString("general.architecture") ?? "unknown";

    /// <summary><c>general.type</c> (model, adapter, projector, mmproj) or "model".</summary>
    public string Kind => GetString("general.type") ?? "model";

    /// <summary>Ollama's file kind: projector for clip/mmproj GGUFs, adapter for LoRA, else model.</summary>
    public bool IsProjector => Kind is "projector" or "mmproj" || Architecture == "clip";

    public bool IsAdapter => Kind == "adapter";

    /// <summary><c>general.parameter_count</c> when present, else the sum of tensor element counts.</summary>
    public ulong ParameterCount =>
        GetUnsigned("general.parameter_count") ?? Tensors.Aggregate(0UL, (sum, t) => sum + t.Elements);

    public uint? FileType => GetUnsigned("general.file_type") is { } v and <= uint.MaxValue ? (uint)v : null;

    /// <summary>Quantization level name as Ollama shows it (<c>Q4_K_M</c>, <c>F16</c>, <c>unknown</c>).</summary>
    public string FileTypeName => GgufFileTypes.Name(FileType);

    public ulong? ContextLength => GetUnsigned($"{Architecture}.context_length");

    public ulong? EmbeddingLength => GetUnsigned($"{Architecture}.embedding_length");

    public string? TokenizerModel => GetString("tokenizer.ggml.model");

    public string? ChatTemplate => GetString("tokenizer.chat_template");

    public bool HasKey(string key) => Metadata.ContainsKey(key);

    public string? GetString(string key) => Metadata.GetValueOrDefault(key) as string;

    public ulong? GetUnsigned(string key) => Metadata.GetValueOrDefault(key) switch
    {
        byte v => v,
        ushort v => v,
        uint v => v,
        ulong v => v,
        sbyte v when v >= 0 => (ulong)v,
        short v when v >= 0 => (ulong)v,
        int v when v >= 0 => (ulong)v,
        long v when v >= 0 => (ulong)v,
        _ => null,
    };
}
