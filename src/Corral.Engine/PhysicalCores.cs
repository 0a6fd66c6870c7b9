namespace Corral.Engine;

/// <summary>
/// Physical core count for the default thread count: llama.cpp decode is memory-bound and SMT siblings only add
/// contention, which is why llama.cpp and Ollama default to physical cores.
/// </summary>
public static class PhysicalCores
{
    public static int Count { get; } = Detect();

    private static int Detect()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return Environment.ProcessorCount;
        }

        var cores = new HashSet<(string, string)>();
        var physicalId = "";
        foreach (var line in File.ReadLines(cpuinfo))
        {
            if (line.StartsWith("physical id", StringComparison.Ordinal))
            {
                physicalId = line[(line.IndexOf(':') + 1)..].Trim();
            }
            else if (line.StartsWith("core id", StringComparison.Ordinal))
            {
                cores.Add((physicalId, line[(line.IndexOf(':') + 1)..].Trim()));
            }
        }

        return cores.Count > 0 ? Math.Min(cores.Count, Environment.ProcessorCount) : Environment.ProcessorCount;
    }
}
