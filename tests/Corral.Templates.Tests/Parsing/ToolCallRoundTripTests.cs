using Corral.Templates.GoTemplate;
using Corral.Templates.Parsing;

namespace Corral.Templates.Tests.Parsing;

/// <summary>
/// For every named template that renders tools: the way it writes an assistant's tool call into the prompt is
/// parsed back into the same call by a parser using that template's own tool-call tag.
/// </summary>
public sealed class ToolCallRoundTripTests
{
    public static TheoryData<string> ToolTemplates => new(NamedTemplates.Names
        .Where(n => PromptTemplate.Parse(NamedTemplates.Get(n)!.Text).UsesTools)
        .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(ToolTemplates))]
    public void RenderedToolCallParsesBack(string name)
    {
        var template = PromptTemplate.Parse(NamedTemplates.Get(name)!.Text);
        var withCall = GoldenConversations.All["tools-single-call"];
        var before = template.Render(withCall with { Messages = withCall.Messages.Take(1).ToList() });
        var after = template.Render(withCall);
        var common = before.Zip(after).TakeWhile(p => p.First == p.Second).Count();
        var assistantTurn = after[common..];
        var parser = new ToolCallParser(template.ToolCallTag, ["get_weather"]);

        var (_, _, calls) = StreamFeeder.Feed(parser.Add, parser.Flush, [assistantTurn]);

        var call = Assert.Single(calls);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal(GoJson.Marshal(withCall.Messages[1].ToolCalls[0].Arguments), GoJson.Marshal(call.Arguments));
    }
}
