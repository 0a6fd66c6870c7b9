namespace Corral.Cli.CommandLine;

/// <summary>Positional arguments and the flags given (a switch maps to null, a valued flag to its value).</summary>
public sealed class ParsedArgs(IReadOnlyList<string> positional, IReadOnlyDictionary<string, string?> flags)
{
    public IReadOnlyList<string> Positional { get; } = positional;

    public bool Has(string flag) => flags.ContainsKey(flag);

    public string? Value(string flag) => flags.GetValueOrDefault(flag);
}
