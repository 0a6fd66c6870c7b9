namespace Corral.Cli.Tests.Infrastructure;

/// <summary>What one run of the <c>corral</c> executable produced.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);
