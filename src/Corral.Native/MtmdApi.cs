using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>
/// The parts of libmtmd (llama.cpp tools/mtmd/mtmd.h, v0.5.0, compiled by native/fetch.sh) Corral uses for vision.
/// Pointers are raw <see cref="nint"/> like <see cref="LlamaApi"/>: ownership lives in the SafeMtmd* handles. C
/// <c>bool</c> is a byte. Call <see cref="LlamaBackend.EnsureInitialized"/> before any of these.
/// </summary>
public static unsafe partial class MtmdApi
{
    public const string Library = "mtmd";

    [LibraryImport(Library, EntryPoint = "mtmd_log_set")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void LogSet(nint callback, nint userData);

    [LibraryImport(Library, EntryPoint = "mtmd_context_params_default")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial MtmdContextParams ContextParamsDefault();

    [LibraryImport(Library, EntryPoint = "mtmd_init_from_file", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint InitFromFile(string projectorPath, nint textModel, MtmdContextParams parameters);

    [LibraryImport(Library, EntryPoint = "mtmd_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void Free(nint context);

    [LibraryImport(Library, EntryPoint = "mtmd_support_vision")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte SupportVision(nint context);

    [LibraryImport(Library, EntryPoint = "mtmd_decode_use_mrope")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte DecodeUseMrope(nint context);

    [LibraryImport(Library, EntryPoint = "mtmd_decode_use_non_causal")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte DecodeUseNonCausal(nint context, nint chunk);

    [LibraryImport(Library, EntryPoint = "mtmd_bitmap_init")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint BitmapInit(uint width, uint height, byte* rgb);

    [LibraryImport(Library, EntryPoint = "mtmd_bitmap_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void BitmapFree(nint bitmap);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunks_init")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint InputChunksInit();

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunks_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void InputChunksFree(nint chunks);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunks_size")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nuint InputChunksSize(nint chunks);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunks_get")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint InputChunksGet(nint chunks, nuint index);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunk_get_type")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial MtmdInputChunkType InputChunkGetType(nint chunk);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunk_get_tokens_text")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int* InputChunkGetTokensText(nint chunk, nuint* count);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunk_get_n_tokens")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nuint InputChunkGetNTokens(nint chunk);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunk_get_n_pos")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int InputChunkGetNPos(nint chunk);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunk_copy")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint InputChunkCopy(nint chunk);

    [LibraryImport(Library, EntryPoint = "mtmd_input_chunk_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void InputChunkFree(nint chunk);

    /// <summary>Splits the text at the context's media marker and pairs each marker with the next bitmap.
    /// 0 = success, 1 = marker/bitmap count mismatch, 2 = image preprocessing failed.</summary>
    [LibraryImport(Library, EntryPoint = "mtmd_tokenize")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Tokenize(nint context, nint output, in MtmdInputText text, nint* bitmaps, nuint count);

    /// <summary>Runs the vision encoder and projector on an image chunk; the result is read with
    /// <see cref="GetOutputEmbd"/> (n_tokens x n_embd floats) until the next encode. 0 = success.</summary>
    [LibraryImport(Library, EntryPoint = "mtmd_encode_chunk")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int EncodeChunk(nint context, nint chunk);

    [LibraryImport(Library, EntryPoint = "mtmd_get_output_embd")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial float* GetOutputEmbd(nint context);
}
