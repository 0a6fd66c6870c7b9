using System.Text;

namespace Corral.IntegrationTests.Infrastructure;

/// <summary>A live <c>corral runner</c> process, found from /proc by the store its model lives in;
/// <see cref="ProjectorPath"/> is its <c>--mmproj</c> (null for a text-only runner).</summary>
public sealed record RunnerProcessInfo(int Pid, string ModelPath, string SocketPath, string? ProjectorPath)
{
    /// <summary>The runner processes whose model blob is inside <paramref name="storePath"/>.</summary>
    public static IReadOnlyList<RunnerProcessInfo> InStore(string storePath)
    {
        var found = new List<RunnerProcessInfo>();
        foreach (var (pid, args) in CommandLines())
        {
            var runner = Array.IndexOf(args, "runner");
            var model = ValueOf(args, "--model");
            var socket = ValueOf(args, "--socket");
            if (runner >= 0 && model is not null && socket is not null && model.StartsWith(storePath, StringComparison.Ordinal))
            {
                found.Add(new RunnerProcessInfo(pid, model, socket, ValueOf(args, "--mmproj")));
            }
        }
        return found;
    }

    /// <summary>
    /// Processes with an argument inside <paramref name="storePath"/> (runners, quantizers): what a killed server
    /// leaves behind until those children notice and finish.
    /// </summary>
    public static IReadOnlyList<int> UsingStore(string storePath) =>
        CommandLines().Where(p => p.Args.Any(a => a.StartsWith(storePath, StringComparison.Ordinal))).Select(p => p.Pid).ToList();

    private static IEnumerable<(int Pid, string[] Args)> CommandLines()
    {
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
            yield return (pid, args);
        }
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
