using System.Text;

namespace Corral.Store.Tests;

/// <summary>Writes small GGUF v3 files byte by byte, including deliberately broken ones.</summary>
internal sealed class GgufBuilder
{
    private readonly MemoryStream _kv = new();
    private readonly MemoryStream _tensors = new();
    private ulong _kvCount;
    private ulong _tensorCount;

    public ulong? KvCountOverride { get; set; }

    public ulong? TensorCountOverride { get; set; }

    public GgufBuilder String(string key, string value)
    {
        Key(key, 8);
        WriteString(_kv, value);
        return this;
    }

    public GgufBuilder UInt32(string key, uint value)
    {
        Key(key, 4);
        _kv.Write(BitConverter.GetBytes(value));
        return this;
    }

    /// <summary>A key whose value bytes are written raw after the type (for crafted arrays and lengths).</summary>
    public GgufBuilder Raw(string key, uint type, byte[] value)
    {
        Key(key, type);
        _kv.Write(value);
        return this;
    }

    public GgufBuilder Tensor(string name, ulong[] shape, uint type, ulong offset)
    {
        WriteString(_tensors, name);
        _tensors.Write(BitConverter.GetBytes((uint)shape.Length));
        foreach (var d in shape)
        {
            _tensors.Write(BitConverter.GetBytes(d));
        }

        _tensors.Write(BitConverter.GetBytes(type));
        _tensors.Write(BitConverter.GetBytes(offset));
        _tensorCount++;
        return this;
    }

    public byte[] Build(int dataBytes)
    {
        var file = new MemoryStream();
        file.Write("GGUF"u8);
        file.Write(BitConverter.GetBytes(3u));
        file.Write(BitConverter.GetBytes(TensorCountOverride ?? _tensorCount));
        file.Write(BitConverter.GetBytes(KvCountOverride ?? _kvCount));
        file.Write(_kv.ToArray());
        file.Write(_tensors.ToArray());
        while (file.Length % 32 != 0)
        {
            file.WriteByte(0);
        }

        file.Write(new byte[dataBytes]);
        return file.ToArray();
    }

    private void Key(string key, uint type)
    {
        WriteString(_kv, key);
        _kv.Write(BitConverter.GetBytes(type));
        _kvCount++;
    }

    private static void WriteString(Stream s, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        s.Write(BitConverter.GetBytes((ulong)bytes.Length));
        s.Write(bytes);
    }
}
