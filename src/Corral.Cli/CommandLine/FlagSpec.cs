namespace Corral.Cli.CommandLine;

/// <summary>
/// One command-line flag, spelled like cobra/pflag (<c>--name</c>, <c>-s</c>): a switch, or a flag with a value
/// (<c>--name value</c> / <c>--name=value</c>). <see cref="OptionalValue"/> flags take a value only after <c>=</c>
/// (Ollama's <c>--think[=level]</c>), so <c>--think hi</c> keeps <c>hi</c> as an argument.
/// </summary>
public sealed record FlagSpec(string Name, string Help, string? ValueName = null, char? Short = null, bool OptionalValue = false)
{
    public bool TakesValue => ValueName is not null;
}
