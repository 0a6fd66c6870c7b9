using System.Buffers.Binary;
using Corral.Fixtures;
using SkiaSharp;

namespace Corral.Engine.Tests;

/// <summary>The images the vision tests send (<see cref="ImageFiles"/>), and a hostile one.</summary>
internal static class TestImages
{
    public static byte[] Encode(SKEncodedImageFormat format, byte red, byte green) => ImageFiles.Gradient(format, red, green);

    public static byte[] Png(byte red = 200, byte green = 30) => Encode(SKEncodedImageFormat.Png, red, green);

    public static byte[] Jpeg(byte red = 20, byte green = 180) => Encode(SKEncodedImageFormat.Jpeg, red, green);

    /// <summary>A plain-colour JPEG of the given size (filled at once: per-pixel drawing would take long).</summary>
    public static byte[] LargeJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Teal);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    /// <summary>A 2 x 2 grey 24-bit BMP (a format Skia reads but Ollama does not accept; Skia cannot write it).</summary>
    public static byte[] Bmp()
    {
        var file = new byte[54 + 2 * 8];
        "BM"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), 54); // pixel data offset
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40); // BITMAPINFOHEADER size
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), 2);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1); // planes
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), 24); // bits per pixel
        file.AsSpan(54).Fill(128);
        return file;
    }

    /// <summary>A real PNG whose header (IHDR, CRC fixed up) claims 30000 x 30000 pixels: 3.6 GB once decoded.</summary>
    public static byte[] PngClaimingHugeSize()
    {
        var png = Png();
        const int ihdr = 8 + 4; // signature, chunk length; then "IHDR", width, height ...
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdr + 4), 30_000);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdr + 8), 30_000);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(ihdr + 4 + 13), Crc32(png.AsSpan(ihdr, 4 + 13)));
        return png;
    }

    /// <summary>PNG's CRC-32 (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
            }
        }

        return ~crc;
    }
}
