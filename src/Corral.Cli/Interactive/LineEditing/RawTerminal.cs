using System.Runtime.InteropServices;

namespace Corral.Cli.Interactive.LineEditing;

/// <summary>
/// Turns off the terminal's echo and line buffering for as long as a line is edited (Ollama's SetRawMode).
/// <see cref="Console.ReadKey(bool)"/> does so only during each call, so keys arriving between two calls (typed
/// while the prompt or a redraw is written) would be echoed by the terminal itself, at the wrong place.
/// Only Linux and macOS, whose termios layouts are known; elsewhere it does nothing.
/// </summary>
internal sealed partial class RawTerminal : IDisposable
{
    private const int StandardInput = 0;

    private readonly byte[]? _saved;

    private RawTerminal(byte[]? saved) => _saved = saved;

    public static RawTerminal Enter()
    {
        if (LocalFlags() is not { } flags)
        {
            return new RawTerminal(null);
        }

        var (offset, size, off) = flags;

        // Larger than either platform's struct termios; only the local-flags field is interpreted.
        var termios = new byte[256];
        if (GetAttributes(StandardInput, termios) != 0)
        {
            return new RawTerminal(null);
        }

        var saved = (byte[])termios.Clone();
        var span = termios.AsSpan(offset, size);
        if (size == 4)
        {
            MemoryMarshal.Write(span, MemoryMarshal.Read<uint>(span) & ~(uint)off);
        }
        else
        {
            MemoryMarshal.Write(span, MemoryMarshal.Read<ulong>(span) & ~off);
        }

        return new RawTerminal(SetAttributes(StandardInput, 0, termios) == 0 ? saved : null);
    }

    public void Dispose()
    {
        if (_saved is not null)
        {
            _ = SetAttributes(StandardInput, 0, _saved);
        }
    }

    /// <summary>Where c_lflag sits in struct termios, its size, and the ECHO | ICANON bits to clear.</summary>
    private static (int Offset, int Size, ulong Off)? LocalFlags() =>
        OperatingSystem.IsLinux() ? (12, 4, 0x8 | 0x2)
        : OperatingSystem.IsMacOS() ? (24, 8, 0x8 | 0x100)
        : null;

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    private static partial int GetAttributes(int fd, [Out] byte[] termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    private static partial int SetAttributes(int fd, int optionalActions, [In] byte[] termios);
}
