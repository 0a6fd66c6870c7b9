namespace Corral.Cli.CommandLine;

/// <summary>A command: its names, help text, flags, how many arguments it accepts and what it does.</summary>
public sealed record CommandSpec(
    string Name,
    string Summary,
    string Usage,
    IReadOnlyList<FlagSpec> Flags,
    ArgCount Args,
    Func<CliContext, ParsedArgs, CancellationToken, Task<int>> RunAsync)
{
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>False for commands that work without a server (serve itself), skipping the heartbeat.</summary>
    public bool NeedsServer { get; init; } = true;

    /// <summary>Text appended to the command's help (serve's environment variables).</summary>
    public string Epilogue { get; init; } = "";

    public bool Matches(string name) => Name == name || Aliases.Contains(name);
}
