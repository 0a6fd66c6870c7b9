namespace Corral.Native;

/// <summary>
/// Picks which <c>libggml-cpu-&lt;variant&gt;.so</c> to load. First choice is <see cref="OwnBuild"/>, the backend
/// native/fetch.sh compiles for this machine's x86 extensions (about 20% faster prefill than the prebuilt zen4
/// variant here, see bench/README.md), when the CPU has every flag it was compiled for (its <c>.flags</c> file).
/// Otherwise a prebuilt variant: ggml's own choice (<c>ggml_backend_load_all</c>, highest score) is
/// <c>sapphirerapids</c> on AMX Xeons, whose AMX path decodes 4-5x slower there (ENGINE-NOTES.md), so we rank the
/// variants ourselves and never pick the AMX one unless <c>CORRAL_CPU_VARIANT</c> asks for it. Requirements
/// mirror ggml/src/CMakeLists.txt (<c>ggml_add_cpu_backend_variant</c>), spelled as /proc/cpuinfo flags.
/// </summary>
public static class CpuVariant
{
    public const string OverrideVariable = "CORRAL_CPU_VARIANT";

    /// <summary>The backend compiled by native/fetch.sh for the machine that built it.</summary>
    public const string OwnBuild = "corral";

    private static readonly string[] _avx512 = ["sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "avx512f"];

    /// <summary>Best first. sapphirerapids is deliberately absent (only reachable through the override).</summary>
    private static readonly (string Name, string[] Flags)[] _ranked =
    [
        ("zen4", [.. _avx512, "avx512vbmi", "avx512_vnni", "avx512_bf16"]),
        ("cooperlake", [.. _avx512, "avx512_vnni", "avx512_bf16"]),
        ("icelake", [.. _avx512, "avx512vbmi", "avx512_vnni"]),
        ("cascadelake", [.. _avx512, "avx512_vnni"]),
        ("cannonlake", [.. _avx512, "avx512vbmi"]),
        ("skylakex", _avx512),
        ("alderlake", ["sse4_2", "avx", "f16c", "fma", "avx2", "bmi2", "avx_vnni"]),
        ("haswell", ["sse4_2", "avx", "f16c", "fma", "avx2", "bmi2"]),
        ("piledriver", ["sse4_2", "avx", "f16c", "fma"]),
        ("ivybridge", ["sse4_2", "avx", "f16c"]),
        ("sandybridge", ["sse4_2", "avx"]),
        ("sse42", ["sse4_2"]),
        ("x64", []),
    ];

    /// <summary>The variant to load from <paramref name="libraryDirectory"/> on this machine.</summary>
    public static string ChooseForThisMachine(string libraryDirectory) => Choose(
        ReadCpuFlags(), Environment.GetEnvironmentVariable(OverrideVariable), ReadOwnBuildNeeds(libraryDirectory));

    /// <summary>The variant for a machine with these CPU flags: the override when one is given, else the own build
    /// when it exists (<paramref name="ownBuildNeeds"/> not null) and the CPU has all it needs, else the best
    /// prebuilt variant.</summary>
    public static string Choose(IReadOnlySet<string> cpuFlags, string? overrideVariant, IReadOnlyCollection<string>? ownBuildNeeds = null)
    {
        if (!string.IsNullOrWhiteSpace(overrideVariant))
        {
            return overrideVariant.Trim();
        }

        if (ownBuildNeeds is not null && ownBuildNeeds.All(cpuFlags.Contains))
        {
            return OwnBuild;
        }

        foreach (var (name, flags) in _ranked)
        {
            if (Array.TrueForAll(flags, cpuFlags.Contains))
            {
                return name;
            }
        }

        return "x64";
    }

    /// <summary>The <c>flags</c> line of /proc/cpuinfo (empty when unreadable, which selects the baseline variant).</summary>
    public static IReadOnlySet<string> ReadCpuFlags(string cpuinfoPath = "/proc/cpuinfo")
    {
        var flags = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(cpuinfoPath))
        {
            return flags;
        }

        foreach (var line in File.ReadLines(cpuinfoPath))
        {
            if (line.StartsWith("flags", StringComparison.Ordinal))
            {
                var colon = line.IndexOf(':');
                foreach (var flag in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    flags.Add(flag);
                }

                break;
            }
        }

        return flags;
    }

    public static string FileName(string variant) => $"libggml-cpu-{variant}.so";

    /// <summary>The CPU flags the own build was compiled for, or null when there is no own build.</summary>
    private static string[]? ReadOwnBuildNeeds(string libraryDirectory)
    {
        var flags = Path.Combine(libraryDirectory, Path.ChangeExtension(FileName(OwnBuild), ".flags"));
        return File.Exists(flags) && File.Exists(Path.Combine(libraryDirectory, FileName(OwnBuild)))
            ? File.ReadAllText(flags).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            : null;
    }
}
