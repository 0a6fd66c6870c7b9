namespace Corral.Cli.CommandLine;

/// <summary>Positional argument bounds, with cobra's messages (ExactArgs, MinimumNArgs, RangeArgs, MaximumNArgs).</summary>
public sealed record ArgCount(int Min, int Max)
{
    public static ArgCount Exactly(int n) => new(n, n);

    public static ArgCount AtLeast(int n) => new(n, int.MaxValue);

    public static ArgCount AtMost(int n) => new(0, n);

    public string? Check(int received) => (Min, Max) switch
    {
        _ when received >= Min && received <= Max => null,
        var (min, max) when min == max => $"accepts {min} arg(s), received {received}",
        (var min, int.MaxValue) => $"requires at least {min} arg(s), only received {received}",
        (0, var max) => $"accepts at most {max} arg(s), received {received}",
        var (min, max) => $"accepts between {min} and {max} arg(s), received {received}",
    };
}
