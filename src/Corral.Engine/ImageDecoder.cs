using Corral.Native;
using SkiaSharp;

namespace Corral.Engine;

/// <summary>
/// Decodes an image file (PNG, JPEG or WebP, the formats Ollama accepts; Skia's other decoders are not exposed to
/// requests) into the RGB bitmap libmtmd takes. Memory stays bounded for hostile input: the dimensions come from the codec's header before any pixel
/// buffer exists, a large image is downscaled while decoding where the codec can (JPEG, WebP), and one that
/// would still exceed <see cref="MaxPixels"/> is refused.
/// </summary>
internal static class ImageDecoder
{
    /// <summary>Far above what any projector uses (they resize to at most a few megapixels), low enough that
    /// the 4-byte decode buffer stays at 64 MiB.</summary>
    public const int MaxPixels = 16 * 1024 * 1024;

    /// <summary>JPEG decodes down to 1/8; a smaller scale buys nothing.</summary>
    private const double MinScale = 1.0 / 8;

    public static SafeMtmdBitmapHandle Decode(byte[] file, int index)
    {
        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data)
            ?? throw new EngineRequestException($"image {index} is not a readable image (PNG, JPEG or WebP expected)");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp))
        {
            throw new EngineRequestException($"image {index} is a {codec.EncodedFormat} image; PNG, JPEG or WebP expected");
        }

        var size = codec.Info.Size;
        if (size.Width <= 0 || size.Height <= 0)
        {
            throw new EngineRequestException($"image {index} has no pixels");
        }

        // Codecs round a scale to one they support (JPEG: eighths), maybe upwards: ask for less until it fits.
        for (var scale = Math.Sqrt((double)MaxPixels / ((long)size.Width * size.Height)); Pixels(size) > MaxPixels && scale >= MinScale; scale *= 0.75)
        {
            size = codec.GetScaledDimensions((float)scale);
        }

        if (Pixels(size) > MaxPixels)
        {
            throw new EngineRequestException(
                $"image {index} is too large ({codec.Info.Width}x{codec.Info.Height}); at most {MaxPixels} pixels are accepted");
        }

        // Unpremultiplied, so a transparent pixel keeps its colour when the alpha channel is dropped below.
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = new byte[info.BytesSize];
        var result = DecodeInto(codec, info, rgba);
        if (result != SKCodecResult.Success)
        {
            throw new EngineRequestException($"image {index} could not be decoded: {result}");
        }

        var rgb = new byte[size.Width * size.Height * 3];
        for (int source = 0, target = 0; target < rgb.Length; source += 4, target += 3)
        {
            rgb[target] = rgba[source];
            rgb[target + 1] = rgba[source + 1];
            rgb[target + 2] = rgba[source + 2];
        }

        return SafeMtmdBitmapHandle.FromRgb(size.Width, size.Height, rgb);
    }

    private static long Pixels(SKSizeI size) => (long)size.Width * size.Height;

    private static unsafe SKCodecResult DecodeInto(SKCodec codec, SKImageInfo info, byte[] pixels)
    {
        fixed (byte* destination = pixels)
        {
            return codec.GetPixels(info, (nint)destination);
        }
    }
}
