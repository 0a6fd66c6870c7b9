using System.Buffers.Binary;
using System.Text;

namespace Corral.Store.Registry;

/// <summary>Reads SSH wire-format fields (RFC 4251 §5), failing on truncation instead of reading past the end.</summary>
internal sealed class SshReader(byte[] data)
{
    private int _offset;

    public uint UInt32() => BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));

    public byte[] Blob() => Bytes(checked((int)UInt32()));

    public string Text() => Encoding.ASCII.GetString(Blob());

    public byte[] Bytes(int count)
    {
        if (count < 0 || count > data.Length - _offset)
            throw new InvalidDataException("truncated OpenSSH key");
        var result = data[_offset..(_offset + count)];
        _offset += count;
        return result;
    }
}
