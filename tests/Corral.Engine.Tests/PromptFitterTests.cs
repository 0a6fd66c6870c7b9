namespace Corral.Engine.Tests;

public sealed class PromptFitterTests
{
    [Fact]
    public void LongPromptKeepsNumKeepThenNewestTokens()
    {
        var (tokens, dropped) = PromptFitter.Fit([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], contextLength: 6, numKeep: 2, truncate: true);
        Assert.Equal([1, 2, 7, 8, 9, 10], tokens);
        Assert.Equal(4, dropped);
    }

    [Fact]
    public void FittingPromptIsUnchanged()
    {
        int[] prompt = [1, 2, 3];
        var (tokens, dropped) = PromptFitter.Fit(prompt, 3, 0, truncate: false);
        Assert.Same(prompt, tokens);
        Assert.Equal(0, dropped);
    }

    [Fact]
    public void LongPromptWithoutTruncationIsOllamasError()
    {
        var error = Assert.Throws<EngineRequestException>(() => PromptFitter.Fit([1, 2, 3], 2, 0, truncate: false));
        Assert.StartsWith("the prompt is longer than the context length", error.Message);
    }

    [Fact]
    public void ShiftKeepsBosPlusNumKeepButAtMostHalf()
    {
        Assert.Equal(5, PromptFitter.KeepOnShift(4, startsWithBos: true, contextLength: 100));
        Assert.Equal(16, PromptFitter.KeepOnShift(40, startsWithBos: false, contextLength: 32));
    }
}
