using System.Buffers.Binary;

namespace Corral.Engine;

/// <summary>
/// A small bounded check of a GGUF file's fixed header before llama.cpp sees it, so empty, truncated or absurd
/// files fail with a clear message (the full reader lives in Corral.Store). Layout: magic "GGUF", uint32
/// version (2 or 3), uint64 tensor count, uint64 metadata count
/// (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md).
/// </summary>
public static class GgufHeaderCheck
{
    private const int HeaderSize = 24;

    // Smallest possible encodings: a metadata pair is a key (8-byte length + 1 byte) + 4-byte type + 1-byte value;
    // a tensor info is a name (8 + 1) + 4-byte n_dims + one 8-byte dim + 4-byte type + 8-byte offset.
    private const int MinMetadataPairSize = 14;
    private const int MinTensorInfoSize = 33;

    /// <summary>Throws <see cref="InvalidDataException"/> describing the first problem found.</summary>
    public static void Validate(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"model file not found: {path}", path);
        }

        using var stream = File.OpenRead(path);
        var length = stream.Length;
        Span<byte> header = stackalloc byte[HeaderSize];
        if (length < HeaderSize || stream.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
        {
            throw new InvalidDataException($"invalid GGUF file {path}: {length} bytes is shorter than the {HeaderSize}-byte header");
        }

        if (!header[..4].SequenceEqual("GGUF"u8))
        {
            throw new InvalidDataException($"invalid GGUF file {path}: bad magic (not a GGUF model)");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (version is not (2 or 3))
        {
            throw new InvalidDataException($"invalid GGUF file {path}: unsupported version {version}");
        }

        var tensors = BinaryPrimitives.ReadUInt64LittleEndian(header[8..]);
        var metadata = BinaryPrimitives.ReadUInt64LittleEndian(header[16..]);
        var room = (ulong)(length - HeaderSize);
        if (tensors == 0)
        {
            throw new InvalidDataException($"invalid GGUF file {path}: no tensors (header only)");
        }

        if (tensors > room / MinTensorInfoSize || metadata > room / MinMetadataPairSize ||
            tensors * MinTensorInfoSize + metadata * MinMetadataPairSize > room)
        {
            throw new InvalidDataException(
                $"invalid GGUF file {path}: {tensors} tensors and {metadata} metadata entries cannot fit in {length} bytes (truncated or corrupt)");
        }
    }
}
