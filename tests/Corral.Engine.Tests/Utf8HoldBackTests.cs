using System.Text;

namespace Corral.Engine.Tests;

public sealed class Utf8HoldBackTests
{
    [Theory]
    [InlineData("é")]
    [InlineData("€")]
    [InlineData("😀")]
    [InlineData("a€b😀c")]
    public void CharacterSplitAcrossPiecesIsHeldBackUntilComplete(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var holdBack = new Utf8HoldBack();
        var output = new StringBuilder();
        foreach (var b in bytes)
        {
            var piece = holdBack.Append([b]);
            Assert.DoesNotContain('\uFFFD', piece);
            output.Append(piece);
        }

        output.Append(holdBack.Flush());
        Assert.Equal(text, output.ToString());
    }

    [Fact]
    public void IncompleteTailIsNotEmittedButCompletedLater()
    {
        var holdBack = new Utf8HoldBack();
        Assert.Equal("ab", holdBack.Append([(byte)'a', (byte)'b', 0xF0, 0x9F]));
        Assert.Equal("", holdBack.Append([0x98]));
        Assert.Equal("😀!", holdBack.Append([0x80, (byte)'!']));
        Assert.Equal("", holdBack.Flush());
    }

    [Fact]
    public void InvalidBytesBecomeReplacementCharacters()
    {
        var holdBack = new Utf8HoldBack();
        Assert.Equal("a\uFFFDb", holdBack.Append([(byte)'a', 0xFF, (byte)'b']));
        Assert.Equal("", holdBack.Append([0xE2, 0x82]));
        Assert.Equal("\uFFFD", holdBack.Flush());
    }
}
