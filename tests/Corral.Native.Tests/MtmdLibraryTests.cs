using System.Runtime.InteropServices;

namespace Corral.Native.Tests;

/// <summary>libmtmd is compiled by native/fetch.sh against the prebuilt llama/ggml: it must land next to the other
/// libraries, load with them, and export the entry points vision uses.</summary>
public sealed class MtmdLibraryTests
{
    [Fact]
    public unsafe void LibmtmdLoadsBesideThePrebuiltLibrariesAndExportsItsApi()
    {
        LlamaBackend.EnsureInitialized();
        var handle = NativeLibrary.Load(Path.Combine(LlamaBackend.LibraryDirectory, "libmtmd.so"));
        try
        {
            foreach (var name in new[] { "mtmd_init_from_file", "mtmd_tokenize", "mtmd_encode_chunk", "mtmd_helper_bitmap_init_from_buf" })
            {
                Assert.True(NativeLibrary.TryGetExport(handle, name, out _), $"libmtmd.so does not export {name}");
            }

            var marker = ((delegate* unmanaged<byte*>)NativeLibrary.GetExport(handle, "mtmd_default_marker"))();
            Assert.Equal("<__media__>", Marshal.PtrToStringUTF8((nint)marker));
        }
        finally
        {
            NativeLibrary.Free(handle);
        }
    }
}
