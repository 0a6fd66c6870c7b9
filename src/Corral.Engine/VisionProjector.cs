using System.Text;
using System.Text.RegularExpressions;
using Corral.Native;

namespace Corral.Engine;

/// <summary>
/// A vision projector (libmtmd context) loaded with the text model. Turns a rendered prompt whose <c>[img-N]</c>
/// tags (Ollama's) mark where request image N goes into a <see cref="MultimodalPrompt"/>: the tags become the
/// context's media marker and <c>mtmd_tokenize</c> splits the prompt into text tokens and image chunks.
/// </summary>
internal sealed partial class VisionProjector : IDisposable
{
    /// <summary>Ollama's runner text for a model without a projector given images.</summary>
    public const string NoVision = "this model is missing data required for image input";

    // Unique per load, so no prompt text can contain it by accident and shift images against their markers.
    private readonly string _marker = $"<__corral_image_{Guid.NewGuid():N}__>";
    private readonly SafeMtmdContextHandle _context;

    private VisionProjector(SafeLlamaModelHandle model, string path, int threads)
    {
        _context = SafeMtmdContextHandle.Create(model, path, _marker, threads);
        if (MtmdApi.SupportVision(Handle) == 0)
        {
            _context.Dispose();
            throw new InvalidOperationException($"the projector {path} has no vision encoder (audio-only projectors are not supported)");
        }

        if (MtmdApi.DecodeUseMrope(Handle) != 0)
        {
            // M-RoPE (Qwen2-VL family) positions images in 2-D: one position per image token no longer holds,
            // which the slot bookkeeping (one KV position per token or image embedding) relies on.
            _context.Dispose();
            throw new InvalidOperationException($"the projector {path} uses M-RoPE image positions, which Corral does not support yet");
        }
    }

    public nint Handle => _context.DangerousGetHandle();

    /// <summary>Loads the projector GGUF (its header checked first, like the model's); throws
    /// <see cref="InvalidOperationException"/> saying why it cannot.</summary>
    public static VisionProjector Load(SafeLlamaModelHandle model, string path, int threads)
    {
        try
        {
            GgufHeaderCheck.Validate(path);
        }
        catch (Exception error) when (error is FileNotFoundException or InvalidDataException)
        {
            throw new InvalidOperationException($"the vision projector cannot be loaded: {error.Message}", error);
        }

        return new VisionProjector(model, path, threads);
    }

    /// <summary>Whether a prompt needs the projector: it has images, or tags that must name one.</summary>
    public static bool HasImageInput(string prompt, IReadOnlyList<byte[]> images) => images.Count > 0 || ImageTag().IsMatch(prompt);

    /// <summary>Tokenizes the prompt with its images; bad images and tags naming no image throw
    /// <see cref="EngineRequestException"/>.</summary>
    public unsafe MultimodalPrompt Tokenize(string prompt, IReadOnlyList<byte[]> images)
    {
        var order = new List<int>();
        var text = ImageTag().Replace(prompt, match =>
        {
            var index = int.TryParse(match.Groups[1].ValueSpan, out var n) ? n : int.MaxValue;
            if (index >= images.Count)
            {
                // Ollama's runner text. No image count: the server sends only the images valid tags name, so the
                // runner's count is not the one the client sent.
                throw new EngineRequestException($"invalid image index: {match.Groups[1].Value}");
            }

            order.Add(index);
            return _marker;
        });

        var bitmaps = new Dictionary<int, SafeMtmdBitmapHandle>();
        var chunks = new Dictionary<int, ImageChunk>();
        try
        {
            foreach (var index in order)
            {
                if (!bitmaps.ContainsKey(index))
                {
                    bitmaps[index] = ImageDecoder.Decode(images[index], index);
                }
            }

            using var output = SafeMtmdInputChunksHandle.Create();
            var pointers = order.Select(index => bitmaps[index].DangerousGetHandle()).ToArray();
            var bytes = Encoding.UTF8.GetBytes(text);
            int status;
            fixed (byte* utf8 = bytes)
            fixed (nint* bitmapList = pointers)
            {
                var input = new MtmdInputText { Text = (nint)utf8, TextLength = (nuint)bytes.Length, AddSpecial = 1, ParseSpecial = 1 };
                status = MtmdApi.Tokenize(Handle, output.DangerousGetHandle(), input, bitmapList, (nuint)pointers.Length);
            }

            if (status != 0)
            {
                throw new EngineRequestException($"the images could not be prepared for the model (mtmd_tokenize status {status}): " +
                    (LlamaBackend.TakeLoggedErrors() ?? "preprocessing failed"));
            }

            return new MultimodalPrompt(Collect(output.DangerousGetHandle(), order, images, chunks), chunks);
        }
        catch
        {
            foreach (var chunk in chunks.Values)
            {
                chunk.Dispose();
            }

            throw;
        }
        finally
        {
            foreach (var bitmap in bitmaps.Values)
            {
                bitmap.Dispose();
            }
        }
    }

    /// <summary>Text chunks give their tokens, image chunks their position ids; each distinct image's chunk is
    /// copied out of the list (which is freed) into <paramref name="chunks"/>.</summary>
    private static unsafe int[] Collect(nint output, List<int> order, IReadOnlyList<byte[]> images, Dictionary<int, ImageChunk> chunks)
    {
        var tokens = new List<int>();
        var image = 0;
        var count = MtmdApi.InputChunksSize(output);
        for (nuint i = 0; i < count; i++)
        {
            var chunk = MtmdApi.InputChunksGet(output, i);
            switch (MtmdApi.InputChunkGetType(chunk))
            {
                case MtmdInputChunkType.Text:
                    nuint length;
                    var text = MtmdApi.InputChunkGetTokensText(chunk, &length);
                    tokens.AddRange(new ReadOnlySpan<int>(text, (int)length));
                    break;
                case MtmdInputChunkType.Image:
                    var positions = (int)MtmdApi.InputChunkGetNTokens(chunk);
                    if (positions <= 0 || positions > ImagePositions.MaxTokensPerImage)
                    {
                        throw new InvalidOperationException($"the projector made {positions} embeddings of one image");
                    }

                    var firstId = ImagePositions.FirstId(images[order[image++]]);
                    if (!chunks.ContainsKey(firstId))
                    {
                        chunks[firstId] = new ImageChunk(SafeMtmdInputChunkHandle.CopyOf(chunk), firstId, positions);
                    }

                    for (var k = 0; k < positions; k++)
                    {
                        tokens.Add(firstId - k);
                    }

                    break;
                default:
                    throw new InvalidOperationException("the projector produced a chunk that is neither text nor image");
            }
        }

        return [.. tokens];
    }

    public void Dispose() => _context.Dispose();

    [GeneratedRegex(@"\[img-(\d+)\]")]
    private static partial Regex ImageTag();
}
