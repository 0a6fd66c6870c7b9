using System.Text;

namespace Corral.Cli.CommandLine;

/// <summary>Help text in cobra's layout: summary, Usage, Aliases, Flags (every flag plus <c>-h, --help</c>).</summary>
public static class HelpWriter
{
    public static string ForCommand(CommandSpec command)
    {
        var text = new StringBuilder();
        text.Append(command.Summary).Append("\n\nUsage:\n  corral ").Append(command.Usage).Append(" [flags]\n");
        if (command.Aliases.Count > 0)
        {
            text.Append("\nAliases:\n  ").AppendJoin(", ", new[] { command.Name }.Concat(command.Aliases)).Append('\n');
        }

        var flags = command.Flags.Append(new FlagSpec("help", $"help for {command.Name}", Short: 'h')).ToList();
        var spelled = flags.Select(Spell).ToList();
        var width = spelled.Max(s => s.Length);
        text.Append("\nFlags:\n");
        for (var i = 0; i < flags.Count; i++)
        {
            text.Append("  ").Append(spelled[i].PadRight(width)).Append("   ").Append(flags[i].Help).Append('\n');
        }

        return text.Append(command.Epilogue).ToString();
    }

    public static string ForRoot(IEnumerable<CommandSpec> commands)
    {
        var list = commands.ToList();
        var width = list.Max(c => c.Name.Length);
        var text = new StringBuilder("Large language model runner\n\nUsage:\n  corral [flags]\n  corral [command]\n\nAvailable Commands:\n");
        foreach (var command in list)
        {
            text.Append("  ").Append(command.Name.PadRight(width)).Append("  ").Append(command.Summary).Append('\n');
        }

        text.Append("\nFlags:\n  -h, --help      help for corral\n  -v, --version   Show version information\n");
        text.Append("\nUse \"corral [command] --help\" for more information about a command.\n");
        return text.ToString();
    }

    private static string Spell(FlagSpec flag)
    {
        var name = (flag.Short is { } s ? $"-{s}, " : "    ") + "--" + flag.Name;
        return flag switch
        {
            { OptionalValue: true } => name + "[=" + flag.ValueName + "]",
            { TakesValue: true } => name + " " + flag.ValueName,
            _ => name,
        };
    }
}
