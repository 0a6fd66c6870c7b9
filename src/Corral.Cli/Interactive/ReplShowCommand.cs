using System.Text;
using Corral.Cli.Commands;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Interactive;

/// <summary><c>/show ...</c> in the REPL (Ollama's cmd/interactive.go), from a fresh <c>/api/show</c> of the current model.</summary>
public static class ReplShowCommand
{
    public static async Task RunAsync(CliContext context, ReplSession session, string[] args, CancellationToken ct)
    {
        if (args.Length < 2)
        {
            await context.Stderr.WriteAsync(ReplHelp.Show).ConfigureAwait(false);
            return;
        }

        var show = await context.Client.ShowAsync(new ShowRequest { Model = session.Options.Model }, ct).ConfigureAwait(false);
        var options = session.Options;
        var text = args[1] switch
        {
            "info" => ShowInfoWriter.Render(show, false),
            "license" => string.IsNullOrEmpty(show.License) ? "No license was specified for this model.\n" : show.License + "\n",
            "modelfile" => show.Modelfile + "\n",
            "parameters" => Parameters(show, options.Options),
            "system" => !string.IsNullOrEmpty(options.System) ? options.System + "\n\n"
                : !string.IsNullOrEmpty(show.System) ? show.System + "\n\n"
                : "No system message was specified for this model.\n",
            "template" => string.IsNullOrEmpty(show.Template) ? "No prompt template was specified for this model.\n" : show.Template + "\n",
            _ => $"Unknown command '/show {args[1]}'. Type /? for help\n",
        };
        await context.Stdout.WriteAsync(text).ConfigureAwait(false);
    }

    private static string Parameters(ShowResponse show, Dictionary<string, System.Text.Json.JsonElement> user)
    {
        var text = new StringBuilder();
        text.Append(string.IsNullOrEmpty(show.Parameters)
            ? "No parameters were specified for this model.\n"
            : "Model defined parameters:\n" + show.Parameters + "\n");
        if (user.Count > 0)
        {
            text.Append("User defined parameters:\n");
            foreach (var (key, value) in user.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(key.PadRight(30)).Append(' ').Append(value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : value.GetRawText()).Append('\n');
            }
        }

        return text.Append('\n').ToString();
    }
}
