using Corral.Templates.Parsing;

namespace Corral.Templates.Tests.Parsing;

public sealed class ThinkingParserTests
{
    public static TheoryData<string, bool, string, string> Cases => new()
    {
        // output, prompt ended with the opening tag, expected thinking, expected content
        { "<think>Let me think.</think>The answer is 4.", false, "Let me think.", "The answer is 4." },
        { "\n  <think>\n\nreasoning\n</think>\n\nAnswer", false, "reasoning\n", "Answer" },
        { "No thinking here <think>x</think>", false, "", "No thinking here <think>x</think>" },
        { "  plain answer", false, "", "  plain answer" },
        { "reasoning already open</think>done", true, "reasoning already open", "done" },
        { "<think>unfinished thoughts", false, "unfinished thoughts", "" },
        { "<think></think>", false, "", "" },
        { "<thi", false, "", "<thi" },
        { "<think>a</thinking>b</think>c", false, "a</thinking>b", "c" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void SplitsAtEverySplitPoint(string output, bool startsInThinking, string expectedThinking, string expectedContent)
    {
        foreach (var pieces in StreamFeeder.Splits(output))
        {
            var parser = new ThinkingParser("<think>", "</think>", startsInThinking);

            var (content, thinking, _) = StreamFeeder.Feed(parser.Add, parser.Flush, pieces);

            var split = string.Join("|", pieces.Length > 2 ? ["chars"] : pieces);
            Assert.True(expectedThinking == thinking, $"split {split}: thinking {thinking}");
            Assert.True(expectedContent == content, $"split {split}: content {content}");
        }
    }

    [Fact]
    public void ThinkingStreamsBeforeTheClosingTagArrives()
    {
        var parser = new ThinkingParser("<think>", "</think>");

        Assert.True(parser.Add("<think>").IsEmpty);
        Assert.Equal("step one ", parser.Add("step one </th").Thinking);
        var end = parser.Add("ink>ok");
        Assert.Equal(("", "ok"), (end.Thinking, end.Content));
    }
}
