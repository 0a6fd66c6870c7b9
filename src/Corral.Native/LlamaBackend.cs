using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>
/// Loads the pinned llama.cpp libraries from the application directory, registers ONE chosen CPU backend
/// (<see cref="CpuVariant"/>) before <c>llama_backend_init</c> (which would otherwise call
/// <c>ggml_backend_load_all</c>), and routes llama.cpp's log to <see cref="LogSink"/>.
/// </summary>
public static unsafe class LlamaBackend
{
    /// <summary>Level of Corral's own lines in <see cref="LogSink"/> (outside ggml's 0..5 range).</summary>
    public const int CorralInfoLevel = 10;

    private const int MaxErrorLength = 2000;

    private static readonly Lock _initLock = new();
    private static string? _cpuVariant;
    private static nint _cpuBackend;
    private static bool _resolverSet;

    [ThreadStatic]
    private static string? _lastError;

    /// <summary>Receives every llama.cpp/ggml log line (level as ggml_log_level: 2 info, 3 warn, 4 error) and
    /// Corral's own backend messages. Default: warnings, errors and the chosen CPU backend go to stderr. Null
    /// drops everything.</summary>
    public static Action<int, string>? LogSink { get; set; } = WriteWarningsToStandardError;

    /// <summary>The CPU backend variant that was loaded (e.g. "zen4"), null before initialisation.</summary>
    public static string? LoadedCpuVariant => _cpuVariant;

    /// <summary>Directory holding the .so files: next to Corral.Native.dll (copied there by the build).</summary>
    public static string LibraryDirectory { get; } = Path.GetDirectoryName(typeof(LlamaBackend).Assembly.Location)
        ?? AppContext.BaseDirectory;

    /// <summary>The native log callback (ggml_log_callback) every llama.cpp library logs through.</summary>
    internal static nint LogCallback => (nint)(delegate* unmanaged[Cdecl]<int, byte*, nint, void>)&OnLog;

    /// <summary>Takes the error lines llama.cpp logged on this thread (load and grammar failures are reported
    /// only through the log), so callers can put it in their exception message.</summary>
    public static string? TakeLoggedErrors()
    {
        var error = _lastError;
        _lastError = null;
        return error;
    }

    /// <summary>An export of the loaded CPU backend variant (its threadpool API is not in libggml/libllama).</summary>
    internal static nint CpuBackendExport(string name)
    {
        EnsureInitialized();
        return NativeLibrary.GetExport(_cpuBackend, name);
    }

    public static void EnsureInitialized()
    {
        lock (_initLock)
        {
            if (_cpuVariant is not null)
            {
                return;
            }

            if (!_resolverSet)
            {
                // Once per process: a failed variant load below may be retried with another override.
                NativeLibrary.SetDllImportResolver(typeof(LlamaBackend).Assembly, Resolve);
                LlamaApi.LogSet(LogCallback, 0);
                _resolverSet = true;
            }

            var variant = CpuVariant.ChooseForThisMachine(LibraryDirectory);
            var path = Path.Combine(LibraryDirectory, CpuVariant.FileName(variant));
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"CPU backend '{variant}' not found at {path}" +
                    $" (check {CpuVariant.OverrideVariable} and that the build copied the native libraries).");
            }

            if (GgmlApi.BackendLoad(path) == 0)
            {
                throw new InvalidOperationException($"ggml_backend_load failed for {path}: {TakeLoggedErrors() ?? "CPU lacks the variant's instructions?"}");
            }

            LlamaApi.BackendInit();
            // ggml_backend_load dlopen'ed the variant already; this only takes a handle for its own exports.
            _cpuBackend = NativeLibrary.Load(path);
            _cpuVariant = variant;
            LogSink?.Invoke(CorralInfoLevel, $"corral: loaded CPU backend {variant} ({path})\n");
        }
    }

    private static void WriteWarningsToStandardError(int level, string line)
    {
        if (level >= 3)
        {
            Console.Error.Write(line);
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var fileName = libraryName switch
        {
            LlamaApi.Library => "libllama.v0.5.0.so",
            GgmlApi.Library => "libggml.v0.5.0.so",
            GgmlApi.BaseLibrary => "libggml-base.so",
            MtmdApi.Library => "libmtmd.so",
            _ => null,
        };
        return fileName is null ? 0 : NativeLibrary.Load(Path.Combine(LibraryDirectory, fileName));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(int level, byte* text, nint userData)
    {
        try
        {
            var line = Marshal.PtrToStringUTF8((nint)text) ?? "";
            if (level == 4 && (_lastError is null || _lastError.Length < MaxErrorLength))
            {
                // The first error usually says why ("tensor ... not within the file bounds"), the last one only
                // that the call failed, so keep them all.
                _lastError = _lastError is null ? line.Trim() : $"{_lastError}; {line.Trim()}";
            }

            LogSink?.Invoke(level, line);
        }
        catch (Exception)
        {
            // An exception must never unwind into native code; a lost log line is the lesser harm.
        }
    }
}
