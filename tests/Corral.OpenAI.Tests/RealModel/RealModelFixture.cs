using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using Corral.IntegrationTests.Infrastructure;
using OpenAI;

namespace Corral.OpenAI.Tests.RealModel;

/// <summary>
/// The real server with the Llama-3 fixture (random weights) and a copy using a minimal tool-calling template, so a
/// schema-forced answer parses into a tool call.
/// </summary>
public sealed class RealModelFixture : ModelFixture
{
    public const string ToolModel = "tools:latest";

    public const string ThinkingModel = "thinker:latest";

    // Tools listed up front, calls rendered as bare JSON objects: the shape the output parser recognizes.
    private const string ToolTemplate =
        "{{- if .Tools }}Tools: {{ range .Tools }}{{ .Function.Name }} {{ end }}\n{{ end }}" +
        "{{- range .Messages }}{{ .Role }}: {{ .Content }}{{ range .ToolCalls }}{\"name\": \"{{ .Function.Name }}\", \"arguments\": {{ .Function.Arguments }}}{{ end }}\n{{ end }}assistant: ";

    // Earlier thinking in <think> tags and the new answer opened inside one, so the model's output is thinking.
    private const string ThinkingTemplate =
        "{{- range .Messages }}{{ .Role }}: {{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}{{ .Content }}\n{{ end }}assistant: {{ if .Think }}<think>{{ end }}";

    public OpenAIClient Sdk => new(new ApiKeyCredential("sk-anything"),
        new OpenAIClientOptions { Endpoint = new Uri(Server.Server.Address, "/v1"), RetryPolicy = new ClientRetryPolicy(0), NetworkTimeout = TimeSpan.FromMinutes(2) });

    protected override async Task CreateModelsAsync(RealServer server)
    {
        await server.CreateModelAsync(ToolModel, TestPaths.Llama3Fixture, new() { ["template"] = ToolTemplate, ["parameters"] = new JsonObject { ["num_ctx"] = 256 } });
        await server.CreateModelAsync(ThinkingModel, TestPaths.Llama3Fixture, new() { ["template"] = ThinkingTemplate, ["parameters"] = new JsonObject { ["num_ctx"] = 256 } });
    }
}
