using Corral.Templates.Parsing;

namespace Corral.Templates.Tests.Parsing;

/// <summary>The whole output pipeline driven by the real qwen3 template's inferred tags.</summary>
public sealed class ResponseParserTests
{
    private static readonly PromptTemplate s_qwen3 = PromptTemplate.Parse(NamedTemplates.Get("qwen3")!.Text);

    [Fact]
    public void ThinkingThenToolCallAtEverySplitPoint()
    {
        const string output = "<think>\nNeed weather.\n</think>\n\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>";
        foreach (var pieces in StreamFeeder.Splits(output))
        {
            var parser = ResponseParser.Create(s_qwen3, think: true, ["get_weather"], "<|im_start|>assistant\n");

            var (content, thinking, calls) = StreamFeeder.Feed(parser.Add, parser.Flush, pieces);

            Assert.Equal("", content);
            Assert.Equal("Need weather.\n", thinking);
            Assert.Equal("get_weather", Assert.Single(calls).Name);
        }
    }

    [Fact]
    public void RenderedThinkingParsesBackWithTheInferredTags()
    {
        var rendered = s_qwen3.Render(GoldenConversations.All["think-on-after-user"]);
        const string header = "<|im_start|>assistant\n";
        var assistantTurn = rendered[(rendered.LastIndexOf(header, StringComparison.Ordinal) + header.Length)..];
        var parser = ResponseParser.Create(s_qwen3, think: true, [], "");

        var (content, thinking, _) = StreamFeeder.Feed(parser.Add, parser.Flush, [assistantTurn]);

        Assert.Equal(("The user greets me.", "I'm doing great. How can I help you today?"), (thinking, content));
    }

    [Fact]
    public void WithoutThinkOrToolsOutputIsContent()
    {
        var parser = ResponseParser.Create(s_qwen3, think: false, [], "");

        var (content, thinking, calls) = StreamFeeder.Feed(parser.Add, parser.Flush, ["<think>x</think>", "y"]);

        Assert.Equal(("<think>x</think>y", "", 0), (content, thinking, calls.Count));
    }

    [Fact]
    public void PromptEndingInTheOpeningTagStartsInsideThinking()
    {
        var parser = ResponseParser.Create(s_qwen3, think: true, [], "<|im_start|>assistant\n<think>\n");

        var (content, thinking, _) = StreamFeeder.Feed(parser.Add, parser.Flush, ["reasoning</think>answer"]);

        Assert.Equal(("answer", "reasoning"), (content, thinking));
    }

    [Fact]
    public void CapabilitiesComeFromTheTemplate()
    {
        Assert.Equal(["tools", "thinking"], s_qwen3.Capabilities);
        Assert.Equal(["insert"], PromptTemplate.Parse("{{ .Prompt }}<FILL>{{ .Suffix }}").Capabilities);
        Assert.Empty(PromptTemplate.Parse(NamedTemplates.Get("chatml")!.Text).Capabilities);
    }
}
