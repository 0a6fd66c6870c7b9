namespace Corral.IntegrationTests.Faults;

/// <summary>Resident memory of a process as the kernel counts it (<c>VmRSS</c> in /proc/PID/status), in bytes.</summary>
public static class ProcessMemory
{
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            // "VmRSS:     123456 kB"
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
            }
        }
        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }
}
