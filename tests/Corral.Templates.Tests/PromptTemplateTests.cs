using System.Text.Json;
using Corral.Templates.GoTemplate;

namespace Corral.Templates.Tests;

public sealed class PromptTemplateTests
{
    private static readonly JsonElement s_tools = JsonDocument.Parse("""
        [{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"unit":{"type":["string","null"],"enum":["c","f"]},"city":{"type":"string","description":"City <name>"}},"required":["city"]}}}]
        """).RootElement;

    private static PromptInput Chat(params ChatMessage[] messages) => new() { Messages = messages };

    [Fact]
    public void TemplateWithoutMessagesOrResponseGetsResponseAppended()
    {
        var template = PromptTemplate.Parse("{{ .Prompt }}");

        Assert.Equal("hithere", template.Render(Chat(new ChatMessage("user", "hi"), new("assistant", "there"))));
    }

    [Fact]
    public void LegacyTemplateRendersEachExchangeAndCutsTheLastAfterResponse()
    {
        var template = PromptTemplate.Parse("{{ if .System }}S:{{ .System }} {{ end }}U:{{ .Prompt }} A:{{ .Response }}|");

        var prompt = template.Render(Chat(
            new("system", "sys"), new("user", "q1"), new("assistant", "a1"), new("user", "q2")));

        Assert.Equal("S:sys U:q1 A:a1|U:q2 A:", prompt);
    }

    [Fact]
    public void LegacySystemMessageFlushesThePendingExchange()
    {
        var template = PromptTemplate.Parse("[{{ .System }}|{{ .Prompt }}|{{ .Response }}]");

        var prompt = template.Render(Chat(new ChatMessage("user", "q1"), new("system", "s2"), new("user", "q2")));

        Assert.Equal("[|q1|][s2|q2|", prompt);
    }

    [Fact]
    public void ConsecutiveMessagesOfOneRoleAreMergedButToolMessagesAreNot()
    {
        var template = PromptTemplate.Parse("{{ range .Messages }}<{{ .Role }}:{{ .Content }}>{{ end }}");

        var prompt = template.Render(Chat(
            new("user", "a"), new("user", "b"), new("tool", "t1"), new("tool", "t2"), new("assistant", "c")));

        Assert.Equal("<user:a\n\nb><tool:t1><tool:t2><assistant:c>", prompt);
    }

    [Fact]
    public void SystemMessagesStayInTheListAndAreJoinedIntoSystem()
    {
        var template = PromptTemplate.Parse("[{{ .System }}]{{ range .Messages }}{{ .Role }};{{ end }}");

        var prompt = template.Render(Chat(new ChatMessage("system", "one"), new("user", "u"), new("system", "two")));

        Assert.Equal("[one\n\ntwo]system;user;system;", prompt);
    }

    [Fact]
    public void FillInTheMiddleUsesPromptAndSuffix()
    {
        var template = PromptTemplate.Parse("<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>");

        Assert.Equal("<PRE> def f( <SUF>) <MID>", template.Render(new PromptInput { Prompt = "def f(", Suffix = ")" }));
        Assert.True(template.UsesSuffix);
    }

    [Fact]
    public void MessagesModeLeavesPromptUnsetLikeGoMissingKey()
    {
        var template = PromptTemplate.Parse("{{ range .Messages }}{{ .Content }}{{ end }}{{ .Prompt }}");

        Assert.Equal("hi<no value>", template.Render(Chat(new ChatMessage("user", "hi"))));
    }

    [Fact]
    public void VariablesAreLowerCasedSortedAndIncludeDefinitions()
    {
        var template = PromptTemplate.Parse("{{ define \"x\" }}{{ .Tools }}{{ end }}{{ range $m := .Messages }}{{ $m.Content }}{{ end }}");

        Assert.Equal(["$m", "content", "messages", "tools"], template.Variables);
        Assert.True(template.UsesTools);
        Assert.True(template.UsesMessages);
    }

    [Fact]
    public void ThinkValuesAreVisible()
    {
        var template = PromptTemplate.Parse("{{ .Think }} {{ .ThinkLevel }} {{ .IsThinkSet }}{{ range .Messages }}{{ end }}");

        Assert.Equal("true high true", template.Render(new PromptInput { Think = true, ThinkLevel = "high", IsThinkSet = true }));
    }

    [Fact]
    public void ToolsPrintAsGoJsonInStructOrder()
    {
        var template = PromptTemplate.Parse("{{ .Tools }}{{ range .Messages }}{{ end }}");

        var prompt = template.Render(new PromptInput { Tools = s_tools });

        Assert.Equal(
            """[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","required":["city"],"properties":{"unit":{"type":["string","null"],"enum":["c","f"]},"city":{"type":"string","description":"City \u003cname\u003e"}}}}}]""",
            prompt);
    }

    [Fact]
    public void ToolWithoutParametersPrintsGoZeroValues()
    {
        var template = PromptTemplate.Parse("{{ .Tools }}{{ range .Messages }}{{ end }}");
        var tools = JsonDocument.Parse("""[{"type":"function","function":{"name":"now"}}]""").RootElement;

        Assert.Equal(
            """[{"type":"function","function":{"name":"now","parameters":{"type":"","properties":null}}}]""",
            template.Render(new PromptInput { Tools = tools }));
    }

    [Fact]
    public void ToolFieldsReadLikeOllamaStructs()
    {
        var template = PromptTemplate.Parse(
            "{{ range .Tools }}{{ .Function.Name }}[{{ .Function.Description }}]" +
            "{{ range $k, $v := .Function.Parameters.Properties }} {{ $k }}:{{ toTypeScriptType $v.Type }}/{{ $v.Type }}{{ end }}" +
            " req={{ .Function.Parameters.Required }}{{ end }}{{ range .Messages }}{{ end }}");

        var prompt = template.Render(new PromptInput { Tools = s_tools });

        Assert.Equal("get_weather[] city:string/string unit:string | null/[string null] req=[city]", prompt);
    }

    [Fact]
    public void PropertiesRangeInRequestOrderThroughAllAndConvertToTypeScript()
    {
        var template = PromptTemplate.Parse(
            "{{ range .Tools }}{{ range $name, $p := .Function.Parameters.Properties.All }}{{ $name }}: {{ toTypeScriptType $p }}; {{ end }}" +
            "{{ with .Function.Parameters.Properties.unit }}{{ .ToTypeScriptType }}{{ end }}{{ end }}{{ range .Messages }}{{ end }}");

        var prompt = template.Render(new PromptInput { Tools = s_tools });

        Assert.Equal("unit: string | null; city: string; string | null", prompt);
    }

    [Fact]
    public void ToolCallsExposeFunctionNameAndArgumentsJson()
    {
        var template = PromptTemplate.Parse(
            "{{ range .Messages }}{{ range .ToolCalls }}{{ .Function.Index }}:{{ .Function.Name }}{{ .Function.Arguments }}|{{ json .Function.Arguments }}{{ end }}{{ end }}");
        var call = new ToolCall("f", JsonDocument.Parse("""{"b":"<x>","a":1}""").RootElement) { Index = 2 };

        var prompt = template.Render(Chat(new ChatMessage("assistant", "") { ToolCalls = [call] }));

        Assert.Equal("""2:f{"b":"\u003cx\u003e","a":1}|{"b":"\u003cx\u003e","a":1}""", prompt);
    }

    [Fact]
    public void ArgumentsRangeSortedAsAMapOrInOrderThroughAll()
    {
        var template = PromptTemplate.Parse(
            "{{ range .Messages }}{{ range .ToolCalls }}{{ range $k, $v := .Function.Arguments }}{{ $k }}={{ $v }} {{ end }}|" +
            "{{ range $k, $v := .Function.Arguments.All }}{{ $k }}={{ $v }} {{ end }}|{{ index .Function.Arguments \"b\" }}{{ end }}{{ end }}");
        var call = new ToolCall("f", JsonDocument.Parse("""{"b":"x","a":2}""").RootElement);

        var prompt = template.Render(Chat(new ChatMessage("assistant", "") { ToolCalls = [call] }));

        Assert.Equal("a=2 b=x |b=x a=2 |x", prompt);
    }

    [Fact]
    public void MessagesMarshalAsOllamaWireJson()
    {
        var template = PromptTemplate.Parse("{{ json .Messages }}");
        var call = new ToolCall("f", JsonDocument.Parse("""{"a":1}""").RootElement) { Id = "call_x" };

        var prompt = template.Render(Chat(new ChatMessage("user", "hi"), new ChatMessage("assistant", "") { ToolCalls = [call] }));

        Assert.Equal(
            """[{"role":"user","content":"hi"},{"role":"assistant","content":"","tool_calls":[{"id":"call_x","function":{"index":0,"name":"f","arguments":{"a":1}}}]}]""",
            prompt);
    }

    [Fact]
    public void MessageFieldsIncludeToolNameThinkingAndImages()
    {
        var template = PromptTemplate.Parse("{{ range .Messages }}{{ .ToolName }}|{{ .Thinking }}|{{ len .Images }}|{{ .ToolCallID }}{{ end }}");

        var prompt = template.Render(Chat(new ChatMessage("tool", "r") { ToolName = "f", Thinking = "t", ImageCount = 2, ToolCallId = "call_1" }));

        Assert.Equal("f|t|2|call_1", prompt);
    }

    [Fact]
    public void OllamaDateFunctionsUseTheInjectedClock()
    {
        var template = PromptTemplate.Parse("{{ currentDate }} {{ yesterdayDate }}", new FixedTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero)));

        Assert.Equal("2025-03-01 2025-02-28", template.Render(Chat(new ChatMessage("user", "x"))).Replace("x", ""));
    }

    [Fact]
    public void JsonFunctionEscapesLikeGo()
    {
        var template = PromptTemplate.Parse("{{ json .Prompt }}");

        Assert.Equal("\"a\\u003cb\\u0026\\\"\\n\"", template.Render(new PromptInput { Prompt = "a<b&\"\n", Suffix = "s" }));
    }

    [Fact]
    public void ToolCallTagIsInferredFromTheTemplate()
    {
        Assert.Equal("<tool_call>", Named("qwen2.5").ToolCallTag);
        Assert.Equal("[TOOL_CALLS] [", Named("mistral-instruct").ToolCallTag);
        Assert.Equal("", Named("llama3-instruct").ToolCallTag);
        Assert.Equal("", Named("chatml").ToolCallTag);
    }

    [Fact]
    public void ThinkingTagsAreInferredFromTheTemplate()
    {
        Assert.Equal(("<think>", "</think>"), Named("qwen3").ThinkingTags);
        Assert.True(Named("qwen3").SupportsThinking);
        Assert.False(Named("chatml").SupportsThinking);
    }

    [Fact]
    public void InvalidTemplateFailsWithPosition()
    {
        var error = Assert.Throws<TemplateException>(() => PromptTemplate.Parse("{{ range .Messages }}\n{{ .Content }"));

        Assert.StartsWith("template: :2:", error.Message);
    }

    [Fact]
    public void DefaultTemplateIsThePrompt() =>
        Assert.Equal("hello", PromptTemplate.Default.Render(Chat(new ChatMessage("user", "hello"))));

    private static PromptTemplate Named(string name) => PromptTemplate.Parse(NamedTemplates.Get(name)!.Text);
}
