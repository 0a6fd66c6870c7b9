using System.Text.Json;
using Corral.Templates.Parsing;

namespace Corral.Templates.Tests.Parsing;

public sealed class ToolCallParserTests
{
    private static readonly string[] s_tools = ["get_weather", "get_time"];

    public static TheoryData<string, string, string, string> Cases => new()
    {
        // tag, model output, expected content, expected calls as name(args);...
        { "<tool_call>", "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>", "", "get_weather({\"city\":\"Paris\"})" },
        { "<tool_call>", "Let me check.<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}</tool_call>", "Let me check.", "get_weather({\"city\":\"Paris\"})" },
        { "<tool_call>", "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\"}}</tool_call>\n<tool_call>{\"name\":\"get_time\",\"arguments\":{\"zone\":\"CET\"}}</tool_call>", "", "get_weather({\"city\":\"Paris\"});get_time({\"zone\":\"CET\"})" },
        { "<tool_call>", "<tool_call>{\"name\":\"get_weather\",\"parameters\":{\"city\":\"Oslo\"}}</tool_call>", "", "get_weather({\"city\":\"Oslo\"})" },
        { "<tool_call>", "<tool_call>{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Rome\\\"}\"}</tool_call>", "", "get_weather({\"city\":\"Rome\"})" },
        { "<tool_call>", "<tool_call>{\"name\":\"get_weather\",\"arguments\":{\"note\":\"a } brace \\\" quote\"}}</tool_call>", "", "get_weather({\"note\":\"a } brace \\\" quote\"})" },
        { "<tool_call>", "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Par</tool_call>", "<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Par</tool_call>", "" },
        { "<tool_call>", "<tool_call>{\"name\": not json}</tool_call>", "<tool_call>{\"name\": not json}</tool_call>", "" },
        { "<tool_call>", "no tools here, just <b>text</b>", "no tools here, just <b>text</b>", "" },
        { "<tool_call>", "<tool_call>{\"name\":\"unknown_tool\",\"arguments\":{}}</tool_call>", "<tool_call>{\"name\":\"unknown_tool\",\"arguments\":{}}</tool_call>", "" },
        { "<tool_call>", "<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n<parameter=days>\n3\n</parameter>\n</function>\n</tool_call>", "", "get_weather({\"city\":\"Paris\",\"days\":3})" },
        { "<tool_call>", "<tool_call>get_weather {\"city\": \"Paris\"}</tool_call>", "", "get_weather({\"city\":\"Paris\"})" },
        { "[TOOL_CALLS]", "[TOOL_CALLS]get_time[ARGS]{\"zone\": \"UTC\"}", "", "get_time({\"zone\":\"UTC\"})" },
        { "[TOOL_CALLS] [", "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}, {\"name\": \"get_time\", \"arguments\": {}}]", "", "get_weather({\"city\":\"Paris\"});get_time({})" },
        { "", "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", "", "get_weather({\"city\":\"Paris\"})" },
        { "", "  {\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}} done", " done", "get_weather({\"city\":\"Paris\"})" },
        { "", "Sure: {\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", "Sure: {\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}", "" },
        { "", "{\"answer\": 42}", "{\"answer\": 42}", "" },
        { "", "{\"get_weather\": {\"city\": \"Lima\"}}", "", "get_weather({\"city\":\"Lima\"})" },
        { "", "{\"tool_calls\": [{\"function\": {\"name\": \"get_time\", \"arguments\": {\"zone\": \"UTC\"}}}]}", "", "get_time({\"zone\":\"UTC\"})" },
        { "[", "[{\"name\": \"get_weather\", \"arguments\": {\"city\": \"A\"}}, {\"name\": \"get_weather\", \"arguments\": {\"city\": \"B\"}}]", "", "get_weather({\"city\":\"A\"});get_weather({\"city\":\"B\"})" },
        { "", "{\"name\": \"get_weather\", \"arguments\": {\"city\": ", "{\"name\": \"get_weather\", \"arguments\": {\"city\": ", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ParsesAtEverySplitPoint(string tag, string output, string expectedContent, string expectedCalls)
    {
        foreach (var pieces in StreamFeeder.Splits(output))
        {
            var parser = new ToolCallParser(tag, s_tools, () => "call_test0000");

            var (content, _, calls) = StreamFeeder.Feed(parser.Add, parser.Flush, pieces);

            var split = string.Join("|", pieces.Length > 2 ? ["chars"] : pieces);
            Assert.True(expectedContent == content, $"split {split}: content {content}");
            Assert.True(expectedCalls == Describe(calls), $"split {split}: calls {Describe(calls)}");
        }
    }

    [Fact]
    public void CallsGetSequentialIndexesAndOllamaStyleIds()
    {
        var parser = new ToolCallParser("<tool_call>", s_tools);

        var (_, _, calls) = StreamFeeder.Feed(parser.Add, parser.Flush,
            ["<tool_call>{\"name\":\"get_time\",\"arguments\":{}}</tool_call><tool_call>{\"name\":\"get_time\",\"arguments\":{}}</tool_call>"]);

        Assert.Equal([0, 1], calls.Select(c => c.Index));
        Assert.All(calls, c => Assert.Matches("^call_[a-z0-9]{8}$", c.Id));
        Assert.NotEqual(calls[0].Id, calls[1].Id);
    }

    [Fact]
    public void ArgumentsKeepTheirOrderAndTypes()
    {
        var parser = new ToolCallParser("", s_tools);

        var (_, _, calls) = StreamFeeder.Feed(parser.Add, parser.Flush,
            ["{\"name\":\"get_weather\",\"arguments\":{\"z\":1.5,\"a\":[true,null],\"m\":{\"k\":\"v\"}}}"]);

        var arguments = Assert.Single(calls).Arguments;
        Assert.Equal(JsonValueKind.Object, arguments.ValueKind);
        Assert.Equal(["z", "a", "m"], arguments.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1.5, arguments.GetProperty("z").GetDouble());
    }

    [Fact]
    public void ContentBeforeTheTagStreamsWithoutWaiting()
    {
        var parser = new ToolCallParser("<tool_call>", s_tools);

        Assert.Equal("Hello ", parser.Add("Hello ").Content);
        Assert.Equal("", parser.Add("<tool").Content);
        Assert.Equal("<tools are fun", parser.Add("s are fun").Content);
    }

    private static string Describe(IEnumerable<ToolCall> calls) =>
        string.Join(";", calls.Select(c => $"{c.Name}({Corral.Templates.GoTemplate.GoJson.Marshal(c.Arguments)})"));
}
