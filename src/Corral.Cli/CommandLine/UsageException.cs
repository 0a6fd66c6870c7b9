namespace Corral.Cli.CommandLine;

/// <summary>Bad command-line input: printed as <c>Error: message</c> with exit code 1.</summary>
public sealed class UsageException(string message) : Exception(message);
