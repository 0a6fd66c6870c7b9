using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>Owns an <c>mtmd_bitmap*</c>: an RGB image (libmtmd copies the pixels) waiting to be tokenized.</summary>
public sealed class SafeMtmdBitmapHandle : SafeHandle
{
    private SafeMtmdBitmapHandle() : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    /// <summary><paramref name="rgb"/> holds width x height pixels of 3 bytes, row by row.</summary>
    public static unsafe SafeMtmdBitmapHandle FromRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        if (width <= 0 || height <= 0 || rgb.Length != (long)width * height * 3)
        {
            throw new ArgumentException($"an RGB bitmap of {width}x{height} needs {(long)width * height * 3} bytes, got {rgb.Length}");
        }

        LlamaBackend.EnsureInitialized();
        var bitmap = new SafeMtmdBitmapHandle();
        fixed (byte* pixels = rgb)
        {
            bitmap.SetHandle(MtmdApi.BitmapInit((uint)width, (uint)height, pixels));
        }

        return bitmap.IsInvalid ? throw new InvalidOperationException("mtmd_bitmap_init failed") : bitmap;
    }

    protected override bool ReleaseHandle()
    {
        MtmdApi.BitmapFree(handle);
        return true;
    }
}
