using Corral.Cli.CommandLine;
using Corral.Server.Hosting;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral serve</c> (alias <c>start</c>) in the command table, so help lists it and <c>serve --help</c> lists the
/// environment variables it reads, as Ollama's does. Program.cs dispatches the bare command before the table.
/// </summary>
public static class ServeSpec
{
    private static readonly (string Name, string Description)[] Variables =
    [
        ("OLLAMA_DEBUG", "Show additional debug information (e.g. OLLAMA_DEBUG=1)"),
        ("OLLAMA_HOST", "IP Address for the corral server (default 127.0.0.1:11434)"),
        ("OLLAMA_CONTEXT_LENGTH", "Context length to use unless otherwise specified (default: 4096)"),
        ("OLLAMA_KEEP_ALIVE", "The duration that models stay loaded in memory (default \"5m\")"),
        ("OLLAMA_MAX_LOADED_MODELS", "Maximum number of loaded models"),
        ("OLLAMA_MAX_QUEUE", "Maximum number of queued requests"),
        ("OLLAMA_MODELS", "The path to the models directory"),
        ("OLLAMA_NUM_PARALLEL", "Maximum number of parallel requests"),
        ("OLLAMA_NOPRUNE", "Do not prune model blobs on startup"),
        ("OLLAMA_ORIGINS", "A comma separated list of allowed origins"),
        ("OLLAMA_LOAD_TIMEOUT", "How long to allow model loads to stall before giving up (default \"5m\")"),
    ];

    public static CommandSpec Spec { get; } = new("serve", "Start corral", "serve", [], ArgCount.Exactly(0), (_, _, _) => ServeCommand.RunAsync())
    {
        Aliases = ["start"],
        NeedsServer = false,
        Epilogue = "\nEnvironment Variables:\n" + string.Concat(Variables.Select(v => $"      {v.Name,-27}   {v.Description}\n")),
    };
}
