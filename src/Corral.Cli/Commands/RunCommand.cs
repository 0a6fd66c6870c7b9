using System.Net;
using Corral.Cli.CommandLine;
using Corral.Cli.Generation;
using Corral.Cli.Interactive;
using Corral.Client;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral run MODEL [PROMPT]</c> (Ollama's <c>RunHandler</c>): pulls a missing model, then answers one prompt
/// (argument and/or piped stdin, stdin first; image paths in it are attached for vision models, see
/// <see cref="ImageAttachments"/>) or, on a terminal without a prompt, starts the interactive session.
/// </summary>
public static class RunCommand
{
    public static CommandSpec Spec { get; } = new("run", "Run a model", "run MODEL [PROMPT]",
    [
        new FlagSpec("format", "Response format (e.g. json)", "string"),
        new FlagSpec("hidethinking", "Hide thinking output (if provided)"),
        new FlagSpec("insecure", "Use an insecure registry"),
        new FlagSpec("keepalive", "Duration to keep a model loaded (e.g. 5m)", "string"),
        new FlagSpec("nowordwrap", "Don't wrap words to the next line automatically"),
        new FlagSpec("think", "Enable thinking mode: true/false or high/medium/low/max for supported models", "string", OptionalValue: true),
        new FlagSpec("verbose", "Show timings for response"),
    ], ArgCount.AtLeast(1), RunAsync);

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        var options = new RunOptions
        {
            Model = args.Positional[0],
            Format = args.Value("format") is { Length: > 0 } format ? RunFlags.Format(format) : null,
            Think = args.Has("think") ? RunFlags.Think(args.Value("think")) : null,
            HideThinking = args.Has("hidethinking"),
            KeepAlive = args.Value("keepalive") is { } keepAlive ? RunFlags.KeepAlive(keepAlive) : null,
            Verbose = args.Has("verbose"),
            WordWrap = !args.Has("nowordwrap") && context.StdoutIsTerminal,
        };
        var prompts = args.Positional.Skip(1).ToList();
        if (!context.StdinIsTerminal)
        {
            prompts.Insert(0, await context.Stdin.ReadToEndAsync(ct).ConfigureAwait(false));
        }

        var show = await ShowOrPullAsync(context, options.Model, args.Has("insecure"), ct).ConfigureAwait(false);
        if (options.Think is null && show.Capabilities?.Contains("thinking") == true)
        {
            options.Think = true;
        }

        if (prompts.Count > 0)
        {
            var (prompt, images) = show.Capabilities?.Contains("vision") == true
                ? await ImageAttachments.ExtractAsync(string.Join(' ', prompts), context.Stderr, ct).ConfigureAwait(false)
                : (string.Join(' ', prompts), []);
            await Generator.GenerateAsync(context, options, prompt, images, ct).ConfigureAwait(false);
            return 0;
        }

        return await new Repl(context, options, show).RunAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The model's details, pulling it first when the server does not have it (404).</summary>
    public static async Task<ShowResponse> ShowOrPullAsync(CliContext context, string model, bool insecure, CancellationToken ct)
    {
        try
        {
            return await context.Client.ShowAsync(new ShowRequest { Model = model }, ct).ConfigureAwait(false);
        }
        catch (StatusException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            await PullCommand.PullAsync(context, model, insecure, ct).ConfigureAwait(false);
            return await context.Client.ShowAsync(new ShowRequest { Model = model }, ct).ConfigureAwait(false);
        }
    }
}
