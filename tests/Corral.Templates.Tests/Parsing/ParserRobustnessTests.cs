using Corral.Templates.Parsing;

namespace Corral.Templates.Tests.Parsing;

/// <summary>Whatever a model emits, the parsers hand it back as content, thinking or calls; they never throw.</summary>
public sealed class ParserRobustnessTests
{
    private static readonly string[] s_pieces =
    [
        "<tool_call>", "</tool_call>", "<think>", "</think>", "{", "}", "[", "]", "\"", "\\", ":", ",", "\"name\"",
        "\"get_weather\"", "\"arguments\"", "<function=get_weather>", "<parameter=city>", "</parameter>", "</function>",
        " ", "\n", "text", "42", "null",
    ];

    [Fact]
    public void RandomOutputNeverThrowsAndLosesNoTextWithoutCalls()
    {
        var random = new Random(5);
        for (var i = 0; i < 2000; i++)
        {
            var output = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => s_pieces[random.Next(s_pieces.Length)]));
            var tools = new ToolCallParser(random.Next(2) == 0 ? "<tool_call>" : "", ["get_weather"]);
            var thinking = new ThinkingParser("<think>", "</think>");
            var cut = random.Next(output.Length + 1);

            var (content, _, calls) = StreamFeeder.Feed(tools.Add, tools.Flush, [output[..cut], output[cut..]]);
            var split = StreamFeeder.Feed(thinking.Add, thinking.Flush, [output[..cut], output[cut..]]);

            if (calls.Count == 0)
            {
                Assert.Equal(output, content);
            }

            Assert.True(split.Content.Length + split.Thinking.Length <= output.Length, output);
        }
    }
}
