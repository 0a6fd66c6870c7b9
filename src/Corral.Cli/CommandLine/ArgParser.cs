namespace Corral.Cli.CommandLine;

/// <summary>
/// Splits a command's arguments into flags and positionals the way pflag does: flags may appear anywhere,
/// <c>--</c> ends flag parsing, unknown flags fail with pflag's messages.
/// </summary>
public static class ArgParser
{
    public static ParsedArgs Parse(IReadOnlyList<FlagSpec> specs, IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var flags = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=');
                var name = eq < 0 ? arg[2..] : arg[2..eq];
                var spec = specs.FirstOrDefault(s => s.Name == name) ?? throw new UsageException($"unknown flag: --{name}");
                flags[spec.Name] = eq >= 0 ? ValueAfterEquals(spec, arg[(eq + 1)..]) : TakeValue(spec, args, ref i, "--" + name);
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                var spec = specs.FirstOrDefault(s => s.Short == arg[1])
                    ?? throw new UsageException($"unknown shorthand flag: '{arg[1]}' in {arg}");
                flags[spec.Name] = arg.Length > 2
                    ? ValueAfterEquals(spec, arg[2..].TrimStart('='))
                    : TakeValue(spec, args, ref i, "-" + arg[1]);
            }
            else
            {
                positional.Add(arg);
            }
        }

        return new ParsedArgs(positional, flags);
    }

    private static string? ValueAfterEquals(FlagSpec spec, string value) =>
        spec.TakesValue ? value : throw new UsageException($"flag --{spec.Name} does not take a value");

    private static string? TakeValue(FlagSpec spec, IReadOnlyList<string> args, ref int i, string spelled)
    {
        if (!spec.TakesValue || spec.OptionalValue)
        {
            return null;
        }

        if (i + 1 >= args.Count)
        {
            throw new UsageException($"flag needs an argument: {spelled}");
        }

        return args[++i];
    }
}
