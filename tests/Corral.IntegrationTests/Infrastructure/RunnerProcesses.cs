using System.Text;

namespace Corral.IntegrationTests.Infrastructure;

/// <summary>A live <c>corral runner</c> process, found from /proc by the store its model lives in.</summary>
public sealed record RunnerProcessInfo(int Pid, string ModelPath, string SocketPath)
{
    /// <summary>The runner processes whose model blob is inside <paramref name="storePath"/>.</summary>
    public static IReadOnlyList<RunnerProcessInfo> InStore(string storePath)
    {
        var found = new List<RunnerProcessInfo>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            string[] args;
            try
            {
                args = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(directory, "cmdline"))).Split('\0');
            }
            catch (IOException)
            {
                continue; // The process exited while listing.
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            var runner = Array.IndexOf(args, "runner");
            var model = ValueOf(args, "--model");
            var socket = ValueOf(args, "--socket");
            if (runner >= 0 && model is not null && socket is not null && model.StartsWith(storePath, StringComparison.Ordinal))
            {
                found.Add(new RunnerProcessInfo(pid, model, socket));
            }
        }
        return found;
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
