using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>The ggml-backend registry calls used to load one chosen CPU backend (ggml-backend.h), and the
/// threadpool parameter helper of ggml.h (in libggml-base).</summary>
internal static unsafe partial class GgmlApi
{
    public const string Library = "ggml";

    public const string BaseLibrary = "ggml-base";

    [LibraryImport(Library, EntryPoint = "ggml_backend_load", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint BackendLoad(string path);

    [LibraryImport(Library, EntryPoint = "ggml_backend_reg_count")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nuint BackendRegCount();

    [LibraryImport(BaseLibrary, EntryPoint = "ggml_threadpool_params_init")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void ThreadpoolParamsInit(GgmlThreadpoolParams* parameters, int threads);
}
