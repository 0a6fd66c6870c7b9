using System.Runtime.InteropServices;
using System.Text;
using Corral.Store.Gguf;

namespace Corral.Fixtures;

/// <summary>
/// Writes a GGUF v3 file: header, metadata pairs, tensor infos, then tensor data aligned to 32 bytes
/// (https://github.com/ggml-org/ggml/blob/master/docs/gguf.md). The file is written under a temporary name and
/// renamed when complete, so a failure never leaves a truncated model at <c>path</c>.
/// </summary>
public static class GgufWriter
{
    private const uint Version = 3;
    private const int Alignment = 32; // general.alignment default
    private const int ChunkElements = 1 << 20;

    /// <summary>
    /// Metadata values are boxed scalars (byte, sbyte, ushort, short, uint, int, float, bool, ulong, long,
    /// double), strings or <see cref="GgufArray"/> (the shapes <see cref="GgufReader"/> returns, so metadata can be
    /// copied from another file).
    /// </summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, object>> metadata, IReadOnlyList<GgufTensor> tensors)
    {
        var pairs = metadata.ToList();
        var temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            using (var output = new BinaryWriter(file, Encoding.UTF8))
            {
                output.Write("GGUF"u8);
                output.Write(Version);
                output.Write((ulong)tensors.Count);
                output.Write((ulong)pairs.Count);
                foreach (var (key, value) in pairs)
                {
                    WriteString(output, key);
                    WriteValue(output, value, depth: 0);
                }

                ulong offset = 0;
                foreach (var tensor in tensors)
                {
                    WriteString(output, tensor.Name);
                    output.Write((uint)tensor.Shape.Count);
                    foreach (var dimension in tensor.Shape)
                    {
                        output.Write(dimension);
                    }

                    output.Write((uint)tensor.Type);
                    output.Write(offset);
                    offset = Align(offset + tensor.ByteSize);
                }

                Pad(output);
                foreach (var tensor in tensors)
                {
                    WriteData(output, tensor);
                    Pad(output);
                }
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static ulong Align(ulong value) => (value + Alignment - 1) / Alignment * Alignment;

    private static void Pad(BinaryWriter output)
    {
        var position = (ulong)output.BaseStream.Position;
        output.Write(new byte[(int)(Align(position) - position)]);
    }

    private static void WriteData(BinaryWriter output, GgufTensor tensor)
    {
        var values = new float[(int)Math.Min((ulong)ChunkElements, tensor.Elements)];
        var halves = tensor.Type == TensorType.F16 ? new Half[values.Length] : null;
        for (ulong first = 0; first < tensor.Elements; first += (ulong)values.Length)
        {
            var chunk = values.AsSpan(0, (int)Math.Min((ulong)values.Length, tensor.Elements - first));
            tensor.Fill(chunk, (long)first);
            if (halves is null)
            {
                output.Write(MemoryMarshal.AsBytes(chunk));
                continue;
            }

            var converted = halves.AsSpan(0, chunk.Length);
            for (var i = 0; i < chunk.Length; i++)
            {
                converted[i] = (Half)chunk[i];
            }

            output.Write(MemoryMarshal.AsBytes(converted));
        }
    }

    private static void WriteString(BinaryWriter output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        output.Write((ulong)bytes.Length);
        output.Write(bytes);
    }

    private static void WriteValue(BinaryWriter output, object value, int depth)
    {
        output.Write((uint)TypeOf(value));
        WritePayload(output, value, depth);
    }

    private static void WritePayload(BinaryWriter output, object value, int depth)
    {
        switch (value)
        {
            case GgufArray array:
                if (depth > 0 && array.ElementType == GgufValueType.Array)
                {
                    throw new ArgumentException("GGUF arrays nest one level at most in this writer");
                }

                output.Write((uint)array.ElementType);
                output.Write((ulong)array.Items.Count);
                foreach (var item in array.Items)
                {
                    if (TypeOf(item) != array.ElementType)
                    {
                        throw new ArgumentException($"array of {array.ElementType} holds a {item.GetType().Name}");
                    }

                    WritePayload(output, item, depth + 1);
                }

                break;
            case string text: WriteString(output, text); break;
            case byte v: output.Write(v); break;
            case sbyte v: output.Write(v); break;
            case ushort v: output.Write(v); break;
            case short v: output.Write(v); break;
            case uint v: output.Write(v); break;
            case int v: output.Write(v); break;
            case float v: output.Write(v); break;
            case bool v: output.Write(v); break;
            case ulong v: output.Write(v); break;
            case long v: output.Write(v); break;
            case double v: output.Write(v); break;
            default: throw new ArgumentException($"no GGUF type for {value.GetType().Name}");
        }
    }

    private static GgufValueType TypeOf(object value) => value switch
    {
        GgufArray => GgufValueType.Array,
        string => GgufValueType.String,
        byte => GgufValueType.UInt8,
        sbyte => GgufValueType.Int8,
        ushort => GgufValueType.UInt16,
        short => GgufValueType.Int16,
        uint => GgufValueType.UInt32,
        int => GgufValueType.Int32,
        float => GgufValueType.Float32,
        bool => GgufValueType.Bool,
        ulong => GgufValueType.UInt64,
        long => GgufValueType.Int64,
        double => GgufValueType.Float64,
        _ => throw new ArgumentException($"no GGUF type for {value.GetType().Name}"),
    };
}
