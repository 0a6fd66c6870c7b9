namespace Corral.Templates.Tests;

/// <summary>
/// Templates in the style Ollama's library ships (llama3.2 with tools in the last user turn), using the
/// constructs those templates rely on: $last via slice/len, printing a tool with {{ . }}, ranges over tool calls.
/// </summary>
public sealed class LibraryTemplateCompatibilityTests
{
    private const string Llama32Style = """
        <|start_header_id|>system<|end_header_id|>

        Cutting Knowledge Date: December 2023

        {{ if .System }}{{ .System }}
        {{- end }}
        {{- if .Tools }}When you receive a tool call response, use the output to format an answer to the orginal user question.
        {{- end }}<|eot_id|>
        {{- range $i, $_ := .Messages }}
        {{- $last := eq (len (slice $.Messages $i)) 1 }}
        {{- if eq .Role "user" }}<|start_header_id|>user<|end_header_id|>
        {{- if and $.Tools $last }}

        {{ range $.Tools }}
        {{- . }}
        {{ end }}
        {{ .Content }}<|eot_id|>
        {{- else }}

        {{ .Content }}<|eot_id|>
        {{- end }}{{ if $last }}<|start_header_id|>assistant<|end_header_id|>

        {{ end }}
        {{- else if eq .Role "assistant" }}<|start_header_id|>assistant<|end_header_id|>
        {{- if .ToolCalls }}
        {{ range .ToolCalls }}
        {"name": "{{ .Function.Name }}", "parameters": {{ .Function.Arguments }}}{{ end }}
        {{- else }}

        {{ .Content }}
        {{- end }}{{ if not $last }}<|eot_id|>{{ end }}
        {{- else if eq .Role "tool" }}<|start_header_id|>ipython<|end_header_id|>

        {{ .Content }}<|eot_id|>{{ if $last }}<|start_header_id|>assistant<|end_header_id|>

        {{ end }}
        {{- end }}
        {{- end }}
        """;

    [Fact]
    public void ToolResultConversationRendersLikeOllama()
    {
        var template = PromptTemplate.Parse(Llama32Style);

        var prompt = template.Render(GoldenConversations.All["tools-single-result"]);

        const string expected = """
            <|start_header_id|>system<|end_header_id|>

            Cutting Knowledge Date: December 2023

            When you receive a tool call response, use the output to format an answer to the orginal user question.<|eot_id|><|start_header_id|>user<|end_header_id|>

            What is the weather in Paris?<|eot_id|><|start_header_id|>assistant<|end_header_id|>

            {"name": "get_weather", "parameters": {"city":"Paris","unit":"celsius"}}<|eot_id|><|start_header_id|>ipython<|end_header_id|>

            18 degrees and sunny<|eot_id|><|start_header_id|>assistant<|end_header_id|>


            """;
        Assert.Equal(expected, prompt);
        Assert.Equal("", template.ToolCallTag);
    }

    [Fact]
    public void ToolsArePrintedAsJsonInTheLastUserTurn()
    {
        var template = PromptTemplate.Parse(Llama32Style);

        var prompt = template.Render(GoldenConversations.All["tools-single"]);

        Assert.Contains(
            "<|start_header_id|>user<|end_header_id|>\n\n{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Get the current weather\",",
            prompt);
        Assert.EndsWith("}}}}}\n\nWhat is the weather in Paris?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", prompt);
    }
}
