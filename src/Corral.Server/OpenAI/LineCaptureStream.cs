namespace Corral.Server.OpenAI;

/// <summary>
/// Stands in for the response body while a native endpoint runs: splits what it writes into lines (NDJSON,
/// or the one unterminated JSON answer of a non-stream call) and hands each to the translator as it arrives,
/// so streamed tokens are forwarded at once.
/// </summary>
internal sealed class LineCaptureStream(Func<ReadOnlyMemory<byte>, Task> onLine) : Stream
{
    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (buffer.Length > 0)
        {
            var newline = buffer.Span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _pending.Write(buffer.Span);
                return;
            }
            _pending.Write(buffer.Span[..newline]);
            buffer = buffer[(newline + 1)..];
            await EmitAsync();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>Hands over a last line written without a newline (a non-stream answer).</summary>
    public Task CompleteAsync() => EmitAsync();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private async Task EmitAsync()
    {
        if (_pending.Length == 0)
        {
            return;
        }
        var line = _pending.ToArray();
        _pending.SetLength(0);
        await onLine(line);
    }
}
