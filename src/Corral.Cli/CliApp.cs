using System.Net.Sockets;
using Corral.Cli.CommandLine;
using Corral.Cli.Commands;
using Corral.Client;

namespace Corral.Cli;

/// <summary>
/// The <c>corral</c> command line (Ollama's <c>cmd.NewCLI</c>): picks the command, parses its flags, checks the
/// server is up, runs it and turns failures into one <c>Error: ...</c> line with exit code 1.
/// </summary>
public static class CliApp
{
    public static IReadOnlyList<CommandSpec> Commands { get; } =
    [
        ServeSpec.Spec, CreateCommand.Spec, ShowCommand.Spec, RunCommand.Spec, StopCommand.Spec, PullCommand.Spec, PushCommand.Spec,
        ListCommand.Spec, PsCommand.Spec, CopyCommand.Spec, RemoveCommand.Spec,
    ];

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct = default)
    {
        try
        {
            return await DispatchAsync(args, context, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e)
        {
            await context.Stderr.WriteLineAsync("Error: " + ErrorMessage(e)).ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> DispatchAsync(string[] args, CliContext context, CancellationToken ct)
    {
        switch (args)
        {
            case [] or ["help"] or ["-h" or "--help"]:
                await context.Stdout.WriteAsync(HelpWriter.ForRoot(Commands)).ConfigureAwait(false);
                return 0;
            case ["-v" or "--version"]:
                return await VersionCommand.RunAsync(context, ct).ConfigureAwait(false);
            case ["help", var name, ..]:
                await context.Stdout.WriteAsync(HelpWriter.ForCommand(Find(name))).ConfigureAwait(false);
                return 0;
        }

        var command = Find(args[0]);
        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            await context.Stdout.WriteAsync(HelpWriter.ForCommand(command)).ConfigureAwait(false);
            return 0;
        }

        var parsed = ArgParser.Parse(command.Flags, rest);
        if (command.Args.Check(parsed.Positional.Count) is { } countError)
        {
            throw new UsageException(countError);
        }

        // Like Ollama's checkServerHeartbeat PreRun: fail early, with the hint, when no server answers.
        if (command.NeedsServer)
        {
            await context.Client.HeartbeatAsync(ct).ConfigureAwait(false);
        }

        return await command.RunAsync(context, parsed, ct).ConfigureAwait(false);
    }

    private static CommandSpec Find(string name) =>
        Commands.FirstOrDefault(c => c.Matches(name))
        ?? throw new UsageException($"unknown command \"{name}\" for \"corral\"");

    private static string ErrorMessage(Exception e) => e switch
    {
        StatusException status => status.ErrorMessage,
        HttpRequestException { InnerException: SocketException } or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
            "could not connect to corral server, run 'corral serve' to start it",
        _ => e.Message,
    };
}
