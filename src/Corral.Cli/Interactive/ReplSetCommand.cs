using System.Text.Json;
using Corral.Cli.Generation;
using Corral.Contracts.Ollama;
using Corral.Store;
using Corral.Store.Modelfiles;

namespace Corral.Cli.Interactive;

/// <summary><c>/set ...</c> in the REPL, with Ollama's confirmations and errors (cmd/interactive.go).</summary>
public static class ReplSetCommand
{
    /// <summary>Applies a one-line <c>/set</c>; returns the text of a <c>/set system """</c> block still open, else null.</summary>
    public static async Task<string?> RunAsync(CliContext context, ReplSession session, string[] args)
    {
        var options = session.Options;
        var output = context.Stdout;
        if (args.Length < 2)
        {
            await context.Stderr.WriteAsync(ReplHelp.Set).ConfigureAwait(false);
            return null;
        }

        switch (args[1])
        {
            case "history":
                session.History.Enabled = true;
                break;
            case "nohistory":
                session.History.Enabled = false;
                break;
            case "wordwrap":
                options.WordWrap = true;
                await output.WriteLineAsync("Set 'wordwrap' mode.").ConfigureAwait(false);
                break;
            case "nowordwrap":
                options.WordWrap = false;
                await output.WriteLineAsync("Set 'nowordwrap' mode.").ConfigureAwait(false);
                break;
            case "verbose":
                options.Verbose = true;
                await output.WriteLineAsync("Set 'verbose' mode.").ConfigureAwait(false);
                break;
            case "quiet":
                options.Verbose = false;
                await output.WriteLineAsync("Set 'quiet' mode.").ConfigureAwait(false);
                break;
            case "format" when args.Length == 3 && args[2] == "json":
                options.Format = JsonSerializer.SerializeToElement("json");
                await output.WriteLineAsync("Set format to 'json' mode.").ConfigureAwait(false);
                break;
            case "format":
                await output.WriteLineAsync("Invalid or missing format. For 'json' mode use '/set format json'").ConfigureAwait(false);
                break;
            case "noformat":
                options.Format = null;
                await output.WriteLineAsync("Disabled format.").ConfigureAwait(false);
                break;
            case "think":
                await SetThinkAsync(context, session, args).ConfigureAwait(false);
                break;
            case "nothink":
                options.Think = false;
                await output.WriteLineAsync("Set 'nothink' mode.").ConfigureAwait(false);
                break;
            case "parameter":
                await SetParameterAsync(context, options, args).ConfigureAwait(false);
                break;
            case "system" when args.Length < 3:
                await context.Stderr.WriteAsync(ReplHelp.Set).ConfigureAwait(false);
                break;
            case "system":
                return await SetSystemAsync(context, session, string.Join(' ', args[2..])).ConfigureAwait(false);
            default:
                await output.WriteLineAsync($"Unknown command '/set {args[1]}'. Type /? for help").ConfigureAwait(false);
                break;
        }

        return null;
    }

    /// <summary>Sets the system message; a value opening with <c>"""</c> but not closing it continues on the next lines.</summary>
    public static async Task<string?> SetSystemAsync(CliContext context, ReplSession session, string text)
    {
        if (text.StartsWith("\"\"\"", StringComparison.Ordinal))
        {
            text = text[3..];
            if (!text.EndsWith("\"\"\"", StringComparison.Ordinal))
            {
                return text + "\n";
            }

            text = text[..^3];
        }

        session.SetSystem(text);
        await context.Stdout.WriteLineAsync("Set system message.").ConfigureAwait(false);
        return null;
    }

    private static async Task SetThinkAsync(CliContext context, ReplSession session, string[] args)
    {
        var level = args.Length > 2 ? args[2] : null;
        if (level is not null && !ThinkValue.Levels.Contains(level) && level is not ("true" or "false"))
        {
            await context.Stdout.WriteLineAsync($"Invalid think value '{level}'. Use true, false, high, medium, low, or max.").ConfigureAwait(false);
            return;
        }

        session.Options.Think = level is null or "true" ? true : level == "false" ? false : ThinkValue.FromLevel(level);
        await context.Stdout.WriteLineAsync(level is null ? "Set 'think' mode." : $"Set 'think' mode to '{level}'.").ConfigureAwait(false);
        if (session.Show.Capabilities?.Contains("thinking") != true)
        {
            await context.Stderr.WriteLineAsync($"warning: model \"{session.Options.Model}\" does not support thinking output").ConfigureAwait(false);
        }
    }

    private static async Task SetParameterAsync(CliContext context, RunOptions options, string[] args)
    {
        if (args.Length < 4)
        {
            await context.Stderr.WriteAsync(ReplHelp.Parameters).ConfigureAwait(false);
            return;
        }

        var (name, values) = (args[2], args[3..]);
        try
        {
            var typed = ParameterParser.Format([KeyValuePair.Create(name, (IReadOnlyList<string>)values)]);
            foreach (var (key, value) in typed)
            {
                options.Options[key] = JsonSerializer.SerializeToElement(value);
            }

            await context.Stdout.WriteLineAsync($"Set parameter '{name}' to '{string.Join(", ", values)}'").ConfigureAwait(false);
        }
        catch (StoreException e)
        {
            await context.Stdout.WriteLineAsync($"Couldn't set parameter: \"{e.Message}\"").ConfigureAwait(false);
        }
    }
}
