using Corral.Contracts.Json;

namespace Corral.Server.Tests.Contracts;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("5m", 300_000_000_000L)]
    [InlineData("1h2m3.5s", 3_723_500_000_000L)]
    [InlineData("300ms", 300_000_000L)]
    [InlineData("1.5h", 5_400_000_000_000L)]
    [InlineData("-1m", -60_000_000_000L)]
    [InlineData("10us", 10_000L)]
    [InlineData("10\u00b5s", 10_000L)]
    [InlineData(".5s", 500_000_000L)]
    public void ParsesLikeGo(string text, long expected)
    {
        Assert.True(GoDuration.TryParse(text, out var ns, out var error), error);
        Assert.Equal(expected, ns);
    }

    [Theory]
    [InlineData("5", "time: missing unit in duration \"5\"")]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("abc", "time: invalid duration \"abc\"")]
    [InlineData("5x", "time: unknown unit \"x\" in duration \"5x\"")]
    [InlineData("9999999999999h", "time: invalid duration \"9999999999999h\"")]
    public void RejectsLikeGo(string text, string message)
    {
        Assert.False(GoDuration.TryParse(text, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(300_000_000_000L, "5m0s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(300_000_000L, "300ms")]
    [InlineData(1_500L, "1.5\u00b5s")]
    [InlineData(42L, "42ns")]
    [InlineData(long.MaxValue, "2562047h47m16.854775807s")]
    [InlineData(-60_000_000_000L, "-1m0s")]
    public void FormatsLikeGo(long ns, string expected) => Assert.Equal(expected, GoDuration.Format(ns));
}
