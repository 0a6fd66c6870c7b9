namespace Corral.Runner.Tests;

/// <summary>The hidden <c>corral quantize</c> command's exit codes (the real quantization is proven in the integration tests).</summary>
public sealed class QuantizeCommandTests
{
    [Fact]
    public void WrongArgumentCountIsUsageError() => Assert.Equal(2, QuantizeCommand.Run(["in.gguf", "out.gguf"]));

    [Fact]
    public void UnknownTypeIsUsageError() => Assert.Equal(2, QuantizeCommand.Run(["in.gguf", "out.gguf", "Q3_NOPE"]));

    [Fact]
    public void InvalidParentPidIsUsageError() =>
        Assert.Equal(2, QuantizeCommand.Run(["in.gguf", "out.gguf", "q8_0", "--parent-pid", "-5"]));

    [Fact]
    public void MissingInputFailsWithoutWritingOutput()
    {
        var output = Path.Combine(Path.GetTempPath(), $"corral-quantize-{Guid.NewGuid():N}.gguf");
        Assert.Equal(1, QuantizeCommand.Run([Path.Combine(Path.GetTempPath(), "no-such-model.gguf"), output, "q8_0"]));
        Assert.False(File.Exists(output));
    }
}
