using System.Text;
using System.Text.Unicode;

namespace Corral.Server.Http;

/// <summary>
/// Go's <c>encoding/json</c> reads invalid UTF-8 inside strings as U+FFFD; System.Text.Json throws when such a
/// string is read, deep inside whatever handles the request. Bodies are repaired once, before parsing.
/// </summary>
public static class Utf8Repair
{
    /// <summary><paramref name="bytes"/> itself when valid, else a copy with each invalid sequence replaced by U+FFFD.</summary>
    public static ReadOnlyMemory<byte> Repair(ReadOnlyMemory<byte> bytes) =>
        Utf8.IsValid(bytes.Span) ? bytes : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes.Span));
}
