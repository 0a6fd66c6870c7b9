using SkiaSharp;

namespace Corral.Fixtures;

/// <summary>Image files for vision fixtures and tests: a diagonal gradient over a chosen red and green, encoded
/// by SkiaSharp in the asked format (PNG, JPEG, WebP ...).</summary>
public static class ImageFiles
{
    public static byte[] Gradient(SKEncodedImageFormat format, byte red, byte green, int width = 48, int height = 40)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor(red, green, (byte)((x + y) * 255 / (width + height))));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
