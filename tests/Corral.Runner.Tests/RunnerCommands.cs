using Corral.Server.Runners;

namespace Corral.Runner.Tests;

/// <summary>Runner commands for real child processes in tests.</summary>
public static class RunnerCommands
{
    /// <summary>The dotnet host running the tests.</summary>
    public static string Dotnet { get; } =
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>This test assembly as a runner process: real RunnerHost, FakeModelRunner (see Program.cs).</summary>
    public static RunnerCommand FakeModel { get; } = new(Dotnet, [typeof(FakeModelRunner).Assembly.Location]);

    /// <summary>The real <c>corral</c> executable built next to the tests.</summary>
    public static RunnerCommand Corral { get; } = new(Dotnet, [Path.Combine(AppContext.BaseDirectory, "corral.dll")]);

    /// <summary>A bash script standing in for a runner that dies; the runner arguments become $1...</summary>
    public static RunnerCommand Bash(string script) => new("bash", ["-c", script, "fake-runner"]);
}
