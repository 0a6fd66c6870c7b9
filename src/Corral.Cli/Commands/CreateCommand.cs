using Corral.Cli.CommandLine;
using Corral.Cli.Progress;

namespace Corral.Cli.Commands;

/// <summary><c>corral create MODEL [-f Modelfile] [-q type]</c> (Ollama's <c>CreateHandler</c>).</summary>
public static class CreateCommand
{
    public static CommandSpec Spec { get; } = new("create", "Create a model from a Modelfile", "create MODEL",
    [
        new FlagSpec("file", "Name of the Modelfile (default \"Modelfile\")", "string", 'f'),
        new FlagSpec("quantize", "Quantize model to this level (e.g. q4_K_M)", "string", 'q'),
    ], ArgCount.Exactly(1), RunAsync);

    private static async Task<int> RunAsync(CliContext context, ParsedArgs args, CancellationToken ct)
    {
        var path = args.Value("file") ?? "Modelfile";
        if (!File.Exists(path))
        {
            throw new UsageException(args.Has("file") ? "specified Modelfile wasn't found" : "no Modelfile or safetensors files found");
        }

        await using var display = context.NewProgress();
        display.Add(new Spinner("gathering model components", display.Now));
        var request = await ModelfileRequest.BuildAsync(context, args.Positional[0], path, display, ct).ConfigureAwait(false);
        request = request with { Quantize = args.Value("quantize") };
        await TransferProgress.ShowAsync(context.Client.CreateAsync(request, ct), display, update => update.Status, ct).ConfigureAwait(false);
        return 0;
    }
}
