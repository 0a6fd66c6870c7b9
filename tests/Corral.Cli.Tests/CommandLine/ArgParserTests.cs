using Corral.Cli.CommandLine;

namespace Corral.Cli.Tests.CommandLine;

public sealed class ArgParserTests
{
    private static readonly FlagSpec[] Flags =
    [
        new("file", "", "string", 'f'),
        new("verbose", "", Short: 'v'),
        new("think", "", "string", OptionalValue: true),
    ];

    [Fact]
    public void Flags_may_appear_anywhere_with_spaced_or_equals_values()
    {
        var parsed = ArgParser.Parse(Flags, ["m", "-f", "Modelfile", "--verbose", "p", "--think=high"]);

        Assert.Equal(["m", "p"], parsed.Positional);
        Assert.Equal("Modelfile", parsed.Value("file"));
        Assert.True(parsed.Has("verbose"));
        Assert.Equal("high", parsed.Value("think"));
    }

    [Fact]
    public void An_optional_value_flag_alone_does_not_swallow_the_next_argument()
    {
        var parsed = ArgParser.Parse(Flags, ["--think", "prompt"]);

        Assert.True(parsed.Has("think"));
        Assert.Null(parsed.Value("think"));
        Assert.Equal(["prompt"], parsed.Positional);
    }

    [Fact]
    public void Double_dash_ends_flags()
    {
        Assert.Equal(["-v", "--file"], ArgParser.Parse(Flags, ["--", "-v", "--file"]).Positional);
    }

    [Theory]
    [InlineData("--nope", "unknown flag: --nope")]
    [InlineData("-x", "unknown shorthand flag: 'x' in -x")]
    [InlineData("--file", "flag needs an argument: --file")]
    [InlineData("--verbose=1", "flag --verbose does not take a value")]
    public void Bad_flags_fail_with_pflags_messages(string arg, string message)
    {
        Assert.Equal(message, Assert.Throws<UsageException>(() => ArgParser.Parse(Flags, [arg])).Message);
    }

    [Theory]
    [InlineData(1, 1, 0, "accepts 1 arg(s), received 0")]
    [InlineData(1, int.MaxValue, 0, "requires at least 1 arg(s), only received 0")]
    [InlineData(0, 1, 2, "accepts at most 1 arg(s), received 2")]
    [InlineData(2, 2, 2, null)]
    public void Argument_counts_use_cobras_messages(int min, int max, int received, string? message)
    {
        Assert.Equal(message, new ArgCount(min, max).Check(received));
    }
}
