namespace Corral.Store.Tests;

/// <summary>A read-only stream of <c>prefix</c> followed by zeros up to <c>length</c>: a big fixture's
/// metadata can be mutated without copying its tensor data.</summary>
internal sealed class ZeroTailStream(byte[] prefix, long length) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        var fromPrefix = (int)Math.Clamp(prefix.Length - _position, 0, n);
        prefix.AsSpan((int)Math.Min(_position, prefix.Length), fromPrefix).CopyTo(buffer.AsSpan(offset));
        buffer.AsSpan(offset + fromPrefix, n - fromPrefix).Clear();

        _position += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
