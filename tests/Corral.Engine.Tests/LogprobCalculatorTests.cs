namespace Corral.Engine.Tests;

public sealed class LogprobCalculatorTests
{
    [Fact]
    public void LogSoftmaxAndTopAlternatives()
    {
        float[] logits = [1f, 3f, 2f, 0f];
        var entry = LogprobCalculator.Compute(logits, chosen: 2, top: 2, token => [(byte)('a' + token)]);
        var logSum = Math.Log(Math.Exp(1) + Math.Exp(3) + Math.Exp(2) + Math.Exp(0));
        Assert.Equal(2 - logSum, entry.Logprob, 5);
        Assert.Equal("c", entry.Token);
        Assert.Equal(["b", "c"], entry.TopLogprobs!.Select(t => t.Token));
    }

    [Fact]
    public void TopIndicesAreLargestFirst()
    {
        Assert.Equal([4, 0, 2], LogprobCalculator.TopIndices([5f, 1f, 3f, 2f, 9f], 3));
    }
}
