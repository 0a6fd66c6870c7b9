namespace Corral.Engine.Tests;

public sealed class StopStringFilterTests
{
    [Fact]
    public void StopSplitAcrossPiecesIsCutAndNeverLeaked()
    {
        var filter = new StopStringFilter(["</end>"]);
        Assert.Equal("Hello ", filter.Append("Hello </"));
        Assert.Equal("", filter.Append("en"));
        Assert.Equal("", filter.Append("d> trailing"));
        Assert.True(filter.Stopped);
        Assert.Equal("", filter.Append("more"));
    }

    [Fact]
    public void HeldBackTextIsReleasedWhenItDiverges()
    {
        var filter = new StopStringFilter(["STOP"]);
        Assert.Equal("abc", filter.Append("abcST"));
        Assert.Equal("STx", filter.Append("x"));
        Assert.False(filter.Stopped);
        Assert.Equal("S", filter.Append("S") + filter.Flush());
    }

    [Fact]
    public void EarliestOfSeveralStopsWins()
    {
        var filter = new StopStringFilter(["zz", "b"]);
        Assert.Equal("a", filter.Append("abzz"));
        Assert.True(filter.Stopped);
    }

    [Fact]
    public void NoStopsPassesTextThrough()
    {
        var filter = new StopStringFilter([]);
        Assert.Equal("anything", filter.Append("anything"));
    }
}
