using Corral.Cli.Progress;
using Corral.Client;

namespace Corral.Cli;

/// <summary>What a command works with: the server client and the process's standard streams and terminal state.</summary>
public sealed class CliContext(CorralClient client, TextReader stdin, TextWriter stdout, TextWriter stderr) : IDisposable
{
    public CorralClient Client { get; } = client;

    public TextReader Stdin { get; } = stdin;

    public TextWriter Stdout { get; } = stdout;

    public TextWriter Stderr { get; } = stderr;

    public bool StdinIsTerminal { get; init; }

    public bool StdoutIsTerminal { get; init; }

    public bool StderrIsTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliContext FromConsole() => new(CorralClient.FromEnvironment(), Console.In, Console.Out, Console.Error)
    {
        StdinIsTerminal = !Console.IsInputRedirected,
        StdoutIsTerminal = !Console.IsOutputRedirected,
        StderrIsTerminal = !Console.IsErrorRedirected,
    };

    public void Dispose() => Client.Dispose();

    public ProgressDisplay NewProgress() => new(Stderr, StderrIsTerminal, TerminalWidth, Time);

    public static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
