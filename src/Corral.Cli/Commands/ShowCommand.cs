using Corral.Cli.CommandLine;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Commands;

/// <summary><c>corral show MODEL</c> with at most one of the single-field flags (Ollama's <c>ShowHandler</c>).</summary>
public static class ShowCommand
{
    private static readonly string[] Exclusive = ["license", "modelfile", "parameters", "system", "template"];

    public static CommandSpec Spec { get; } = new("show", "Show information for a model", "show MODEL",
    [
        new FlagSpec("license", "Show license of a model"),
        new FlagSpec("modelfile", "Show Modelfile of a model"),
        new FlagSpec("parameters", "Show parameters of a model"),
        new FlagSpec("template", "Show template of a model"),
        new FlagSpec("system", "Show system message of a model"),
        new FlagSpec("verbose", "Show detailed model information", Short: 'v'),
    ], ArgCount.Exactly(1), RunAsync);

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        var chosen = Exclusive.Where(args.Has).ToList();
        if (chosen.Count > 1)
        {
            throw new UsageException("only one of '--license', '--modelfile', '--parameters', '--system', or '--template' can be specified");
        }

        var verbose = args.Has("verbose");
        var show = await context.Client.ShowAsync(new ShowRequest { Model = args.Positional[0], Verbose = verbose }, ct).ConfigureAwait(false);
        var output = chosen.FirstOrDefault() switch
        {
            "license" => show.License + "\n",
            "modelfile" => show.Modelfile + "\n",
            "parameters" => show.Parameters + "\n",
            "system" => show.System,
            "template" => show.Template,
            _ => ShowInfoWriter.Render(show, verbose),
        };
        await context.Stdout.WriteAsync(output).ConfigureAwait(false);
        return 0;
    }
}
