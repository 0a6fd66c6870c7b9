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

    [Fact]
    public void TruncationDropsAnImageWholeOrKeepsItWhole()
    {
        // Image positions are consecutive descending negative ids (ImagePositions): -10..-13 is one image.
        int[] prompt = [1, -10, -11, -12, -13, 2, 3, 4, 5, 6];

        // Dropping 2 after num_keep 2 would cut the image at both ends: it goes whole, and the kept part of the
        // prefix ends before it.
        var (tokens, dropped) = PromptFitter.Fit(prompt, contextLength: 8, numKeep: 2, truncate: true);

        Assert.Equal([1, 2, 3, 4, 5, 6], tokens);
        Assert.Equal(4, dropped);
        Assert.Equal([1, -10, -11, -12, -13, 4, 5, 6], PromptFitter.Fit(prompt, contextLength: 8, numKeep: 5, truncate: true).Tokens);
    }

    [Fact]
    public void TwoImagesSideBySideAreTwoImages()
    {
        int[] tokens = [7, -10, -11, -50, -51, 8];

        Assert.Equal(3, ImagePositions.SnapBack(tokens, 3));
        Assert.Equal(1, ImagePositions.SnapBack(tokens, 2));
        Assert.Equal(5, ImagePositions.SnapForward(tokens, 4));
        Assert.Equal(ImagePositions.FirstId([1, 2, 3]), ImagePositions.FirstId([1, 2, 3]));
        Assert.NotEqual(ImagePositions.FirstId([1, 2, 3]), ImagePositions.FirstId([1, 2, 4]));
        Assert.True(ImagePositions.FirstId([1, 2, 3]) < 0);
    }
}
