using Corral.Client;

namespace Corral.Cli.Tests.CommandLine;

public sealed class HelpTests
{
    public static TheoryData<string> CommandNames() => new(CliApp.Commands.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task Every_commands_help_lists_every_flag(string name)
    {
        var command = CliApp.Commands.Single(c => c.Name == name);
        var (code, stdout) = await RunAsync(name, "--help");

        Assert.Equal(0, code);
        Assert.StartsWith(command.Summary + "\n\nUsage:\n  corral " + command.Usage + " [flags]\n", stdout);
        foreach (var flag in command.Flags)
        {
            Assert.Matches($@"(?m)^  (-{flag.Short}, |    )--{flag.Name}\b.*   {System.Text.RegularExpressions.Regex.Escape(flag.Help)}$", stdout);
        }

        Assert.Contains($"  -h, --help", stdout);
    }

    [Fact]
    public async Task Root_help_lists_every_command_and_help_COMMAND_equals_COMMAND_help()
    {
        var (_, root) = await RunAsync("--help");
        var (_, viaHelp) = await RunAsync("help", "list");
        var (_, viaFlag) = await RunAsync("ls", "-h");

        foreach (var command in CliApp.Commands)
        {
            Assert.Matches($@"(?m)^  {command.Name} +{command.Summary}$", root);
        }

        Assert.Contains("\n  serve ", root);
        Assert.Equal(viaFlag, viaHelp);
        Assert.Contains("Aliases:\n  list, ls\n", viaHelp);
    }

    [Fact]
    public async Task Serve_help_lists_the_environment_variables_it_reads()
    {
        var (code, stdout) = await RunAsync("serve", "--help");

        Assert.Equal(0, code);
        Assert.Contains("Aliases:\n  serve, start\n", stdout);
        foreach (var name in new[] { "OLLAMA_HOST", "OLLAMA_MODELS", "OLLAMA_KEEP_ALIVE", "OLLAMA_NUM_PARALLEL", "OLLAMA_ORIGINS", "OLLAMA_DEBUG" })
        {
            Assert.Matches($@"(?m)^      {name} +\S", stdout);
        }
    }

    private static async Task<(int Code, string Stdout)> RunAsync(params string[] args)
    {
        using var client = new CorralClient(new Uri("http://127.0.0.1:1"));
        var stdout = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliContext(client, TextReader.Null, stdout, new StringWriter()));
        return (code, stdout.ToString());
    }
}
