using System.Text;

namespace Corral.Engine;

/// <summary>
/// Turns token pieces (raw bytes; a multi-byte character may be split across tokens) into text that never ends
/// in half a character: an incomplete UTF-8 sequence at the end is held back until the next piece completes it.
/// Invalid bytes come out as U+FFFD, like Go's string conversion in Ollama.
/// </summary>
public sealed class Utf8HoldBack
{
    private readonly byte[] _buffer = new byte[256];
    private int _count;

    /// <summary>Appends bytes and returns the text that is now complete (possibly empty).</summary>
    public string Append(ReadOnlySpan<byte> bytes)
    {
        var total = _count + bytes.Length;
        Span<byte> work = total <= _buffer.Length ? _buffer.AsSpan(0, total) : new byte[total];
        _buffer.AsSpan(0, _count).CopyTo(work);
        bytes.CopyTo(work[_count..]);

        var complete = CompleteLength(work);
        var text = complete == 0 ? "" : Encoding.UTF8.GetString(work[..complete]);
        work[complete..].CopyTo(_buffer);
        _count = total - complete;
        return text;
    }

    /// <summary>Whatever is still held back (end of generation), invalid bytes replaced.</summary>
    public string Flush()
    {
        var text = _count == 0 ? "" : Encoding.UTF8.GetString(_buffer.AsSpan(0, _count));
        _count = 0;
        return text;
    }

    /// <summary>Length of the prefix that does not end inside an unfinished multi-byte sequence.</summary>
    internal static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        // Look back at most 3 bytes for the lead byte of the last sequence.
        for (var back = 1; back <= 3 && back <= bytes.Length; back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // continuation byte: keep looking for the lead
            }

            var needed = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }
}
