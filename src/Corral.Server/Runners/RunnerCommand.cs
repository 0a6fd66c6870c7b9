namespace Corral.Server.Runners;

/// <summary>
/// How to start a <c>corral runner</c> process: the executable and the arguments before <c>runner ...</c>
/// (e.g. <c>dotnet corral.dll</c> when running under the dotnet host).
/// </summary>
public sealed record RunnerCommand(string FileName, IReadOnlyList<string> LeadingArguments)
{
    /// <summary>The current executable: the apphost itself, or <c>dotnet &lt;entry assembly&gt;</c>.</summary>
    public static RunnerCommand ForCurrentProcess()
    {
        var processPath = Environment.ProcessPath
            ?? throw new InvalidOperationException("cannot find the path of the current executable to start a runner");
        var isDotnetHost = Path.GetFileNameWithoutExtension(processPath) == "dotnet";
        var entryAssembly = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return isDotnetHost && !string.IsNullOrEmpty(entryAssembly)
            ? new RunnerCommand(processPath, [entryAssembly])
            : new RunnerCommand(processPath, []);
    }
}
