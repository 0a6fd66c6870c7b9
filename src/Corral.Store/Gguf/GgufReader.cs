using System.Text;

namespace Corral.Store.Gguf;

/// <summary>
/// Managed, bounded GGUF v2/v3 metadata reader. Every count and length is checked against the bytes left in
/// the file before anything is allocated, tensor extents are checked against the file size, and nesting is
/// capped, so a crafted file yields <see cref="InvalidDataException"/> instead of a crash or a huge
/// allocation (CVE-2024-39720, CVE-2025-0315, CVE-2025-0317, CVE-2026-7482).
/// </summary>
public sealed class GgufReader
{
    private const uint Magic = 0x46554747; // "GGUF" little-endian
    private const int MaxDimensions = 4; // GGML_MAX_DIMS
    private const int MaxArrayDepth = 8;
    private const uint DefaultAlignment = 32;

    // Far above real models (vocabularies are < 1M entries, models < 100k tensors), and small enough that a
    // crafted count in a huge file cannot make one allocation of many gigabytes.
    private const ulong MaxArrayLength = 1 << 24;
    private const ulong MaxTensors = 1 << 20;

    private readonly Stream _stream;
    private readonly long _length;
    // Reused for every read; grows to the longest string seen (bounded by the file size check in ReadString).
    private byte[] _scratch = new byte[256];
    private long _position;

    private GgufReader(Stream stream, long length)
    {
        _stream = stream;
        _length = length;
    }

    /// <summary>Reads the metadata of a GGUF file.</summary>
    public static GgufFile Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var buffered = new BufferedStream(file, 1 << 16);
        return Read(buffered, file.Length);
    }

    /// <summary>Reads GGUF metadata from <paramref name="stream"/> positioned at the start of a file of
    /// <paramref name="length"/> bytes.</summary>
    public static GgufFile Read(Stream stream, long length)
    {
        try
        {
            return new GgufReader(stream, length).ReadFile();
        }
        catch (OverflowException)
        {
            throw new InvalidDataException("invalid GGUF: size overflow");
        }
    }

    /// <summary>True when the stream starts with the GGUF magic (Ollama detects GGUF by magic, not name).</summary>
    public static bool HasMagic(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> head = stackalloc byte[4];
        return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && BitConverter.ToUInt32(head) == Magic;
    }

    private long Remaining => _length - _position;

    private GgufFile ReadFile()
    {
        if (ReadUInt32() != Magic)
        {
            throw new InvalidDataException("invalid GGUF: bad magic");
        }

        var version = ReadUInt32();
        if (version is not (2 or 3))
        {
            throw new InvalidDataException($"invalid GGUF: unsupported version {version}");
        }

        var tensorCount = ReadUInt64();
        var kvCount = ReadUInt64();

        // Smallest key/value: 8-byte key length + 4-byte type + 1-byte value. Smallest tensor info: 8-byte name
        // length + 4 dims count + 4 type + 8 offset. Both are checked before reading anything else.
        EnsureCount(kvCount, 13, "metadata count");
        EnsureCount(tensorCount, 24, "tensor count");
        if (tensorCount > MaxTensors)
        {
            throw new InvalidDataException($"invalid GGUF: tensor count {tensorCount} is too large");
        }

        var metadata = new Dictionary<string, object>(StringComparer.Ordinal);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = ReadString();
            var type = (GgufValueType)ReadUInt32();
            metadata[key] = ReadValue(type, depth: 0);
        }

        EnsureCount(tensorCount, 24, "tensor count");
        var infos = new List<(string Name, uint Type, ulong[] Shape, ulong Offset)>((int)tensorCount);
        for (ulong i = 0; i < tensorCount; i++)
        {
            infos.Add(ReadTensorInfo());
        }

        var alignment = metadata.GetValueOrDefault("general.alignment") switch
        {
            null => DefaultAlignment,
            uint a when a != 0 && (a & (a - 1)) == 0 => a,
            _ => throw new InvalidDataException("invalid GGUF: general.alignment must be a power of two"),
        };

        var dataOffset = checked(((ulong)_position + alignment - 1) / alignment * alignment);
        return new GgufFile(version, metadata, ValidateTensors(infos, alignment, dataOffset), dataOffset);
    }

    private (string, uint, ulong[], ulong) ReadTensorInfo()
    {
        var name = ReadString();
        var dims = ReadUInt32();
        if (dims is 0 or > MaxDimensions)
        {
            throw new InvalidDataException($"invalid GGUF: tensor {name} has {dims} dimensions");
        }

        var shape = new ulong[dims];
        for (var d = 0; d < dims; d++)
        {
            shape[d] = ReadUInt64();
        }

        var type = ReadUInt32();
        if (!GgmlTypes.IsKnown(type))
        {
            throw new InvalidDataException($"invalid GGUF: tensor {name} has unknown type {type}");
        }

        return (name, type, shape, ReadUInt64());
    }

    // Every tensor must lie inside the data section, aligned and without overlapping another: a tensor that
    // points past the end of the file is how CVE-2026-7482 leaked heap memory into a new model.
    private List<GgufTensorInfo> ValidateTensors(
        List<(string Name, uint Type, ulong[] Shape, ulong Offset)> infos, uint alignment, ulong dataOffset)
    {
        var dataSize = (ulong)_length >= dataOffset ? (ulong)_length - dataOffset : 0;
        var tensors = new List<GgufTensorInfo>(infos.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, type, shape, offset) in infos)
        {
            var size = GgmlTypes.ByteSize(type, shape);
            if (!names.Add(name))
            {
                throw new InvalidDataException($"invalid GGUF: duplicate tensor {name}");
            }

            if (offset % alignment != 0 || checked(offset + size) > dataSize)
            {
                throw new InvalidDataException($"invalid GGUF: tensor {name} data is outside the file");
            }

            tensors.Add(new GgufTensorInfo(name, type, shape, offset, size));
        }

        var ordered = tensors.OrderBy(t => t.Offset).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].Offset + ordered[i - 1].Size > ordered[i].Offset)
            {
                throw new InvalidDataException($"invalid GGUF: tensor {ordered[i].Name} overlaps {ordered[i - 1].Name}");
            }
        }

        return tensors;
    }

    private object ReadValue(GgufValueType type, int depth) => type switch
    {
        GgufValueType.UInt8 => ReadBytes(1)[0],
        GgufValueType.Int8 => (sbyte)ReadBytes(1)[0],
        GgufValueType.UInt16 => BitConverter.ToUInt16(ReadBytes(2)),
        GgufValueType.Int16 => BitConverter.ToInt16(ReadBytes(2)),
        GgufValueType.UInt32 => ReadUInt32(),
        GgufValueType.Int32 => BitConverter.ToInt32(ReadBytes(4)),
        GgufValueType.Float32 => BitConverter.ToSingle(ReadBytes(4)),
        GgufValueType.Bool => ReadBytes(1)[0] switch
        {
            0 => false,
            1 => true,
            var b => throw new InvalidDataException($"invalid GGUF: bool value {b}"),
        },
        GgufValueType.String => ReadString(),
        GgufValueType.UInt64 => ReadUInt64(),
        GgufValueType.Int64 => BitConverter.ToInt64(ReadBytes(8)),
        GgufValueType.Float64 => BitConverter.ToDouble(ReadBytes(8)),
        GgufValueType.Array => ReadArray(depth),
        _ => throw new InvalidDataException($"invalid GGUF: unknown value type {(uint)type}"),
    };

    private GgufArray ReadArray(int depth)
    {
        if (depth >= MaxArrayDepth)
        {
            throw new InvalidDataException("invalid GGUF: arrays nested too deeply");
        }

        var elementType = (GgufValueType)ReadUInt32();
        var count = ReadUInt64();
        EnsureCount(count, MinimumSize(elementType), "array length");
        if (count > MaxArrayLength)
        {
            throw new InvalidDataException($"invalid GGUF: array length {count} is too large");
        }

        var items = new object[count];
        for (ulong i = 0; i < count; i++)
        {
            items[i] = ReadValue(elementType, depth + 1);
        }

        return new GgufArray(elementType, items);
    }

    private static long MinimumSize(GgufValueType type) => type switch
    {
        GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool => 1,
        GgufValueType.UInt16 or GgufValueType.Int16 => 2,
        GgufValueType.UInt32 or GgufValueType.Int32 or GgufValueType.Float32 => 4,
        GgufValueType.UInt64 or GgufValueType.Int64 or GgufValueType.Float64 or GgufValueType.String => 8,
        GgufValueType.Array => 12,
        _ => throw new InvalidDataException($"invalid GGUF: unknown value type {(uint)type}"),
    };

    // The count is attacker-controlled: refuse it unless that many minimal entries fit in what is left.
    private void EnsureCount(ulong count, long minimumEach, string what)
    {
        if (count > (ulong)(Remaining / minimumEach))
        {
            throw new InvalidDataException($"invalid GGUF: {what} {count} exceeds the file size");
        }
    }

    private string ReadString()
    {
        var length = ReadUInt64();
        if (length > (ulong)Remaining || length > int.MaxValue)
        {
            throw new InvalidDataException($"invalid GGUF: string length {length} exceeds the file size");
        }

        return Encoding.UTF8.GetString(ReadBytes((int)length));
    }

    private uint ReadUInt32() => BitConverter.ToUInt32(ReadBytes(4));

    private ulong ReadUInt64() => BitConverter.ToUInt64(ReadBytes(8));

    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count > Remaining)
        {
            throw new InvalidDataException("invalid GGUF: unexpected end of file");
        }

        if (count > _scratch.Length)
        {
            _scratch = new byte[count];
        }

        _stream.ReadExactly(_scratch, 0, count);
        _position += count;
        return _scratch.AsSpan(0, count);
    }
}
