using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>The ggml-backend registry calls used to load one chosen CPU backend (ggml-backend.h).</summary>
internal static partial class GgmlApi
{
    public const string Library = "ggml";

    [LibraryImport(Library, EntryPoint = "ggml_backend_load", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint BackendLoad(string path);

    [LibraryImport(Library, EntryPoint = "ggml_backend_reg_count")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nuint BackendRegCount();
}
