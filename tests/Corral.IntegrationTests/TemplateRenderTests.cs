using System.Text.Json.Nodes;
using Corral.IntegrationTests.Infrastructure;
using Corral.Templates;

namespace Corral.IntegrationTests;

/// <summary>
/// Issue 5 acceptance 4: a model created through /api/create with a TEMPLATE renders, via /api/chat
/// <c>_debug_render_only</c>, exactly the template tests' golden prompt for the same conversation body.
/// </summary>
public sealed class TemplateRenderTests(TemplateRenderTests.Fixture fixture) : IClassFixture<TemplateRenderTests.Fixture>
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "llama3-instruct", "user" },
        { "llama3-instruct", "system-user-assistant-user" },
        { "llama3-instruct", "tools-single-call" },
        { "qwen3", "think-on" },
        { "qwen3", "think-off" },
        { "qwen3", "tools-single-result" },
        { "chatml", "user-assistant-user" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DebugRenderOnlyEqualsTheGoldenPrompt(string template, string conversation)
    {
        var body = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(TestPaths.TemplateGoldens, "conversations", conversation + ".json")))!.AsObject();
        body["model"] = template;
        body["_debug_render_only"] = true;
        body["stream"] = false;

        var (status, response) = await fixture.Server.PostJsonAsync("api/chat", body.ToJsonString());

        Assert.Equal(200, status);
        var golden = await File.ReadAllTextAsync(Path.Combine(TestPaths.TemplateGoldens, template, conversation));
        Assert.Equal(golden, response.GetProperty("_debug_info").GetProperty("rendered_template").GetString());
    }

    [Fact]
    public async Task DeepseekR1LosesThinkBlocksBeforeTheLastUserMessage()
    {
        const string body = """
            {"model":"deepseek-r1","_debug_render_only":true,"stream":false,"messages":[
              {"role":"user","content":"a"},{"role":"assistant","content":"<think>secret</think>shown"},{"role":"user","content":"b"}]}
            """;
        var (status, response) = await fixture.Server.PostJsonAsync("api/chat", body);
        Assert.Equal(200, status);
        var rendered = response.GetProperty("_debug_info").GetProperty("rendered_template").GetString()!;
        Assert.Contains("shown", rendered);
        Assert.DoesNotContain("secret", rendered);
    }

    /// <summary>One model per named template, each created from the Llama-2 fixture with that TEMPLATE.</summary>
    public sealed class Fixture : ModelFixture
    {
        protected override async Task CreateModelsAsync(RealServer server)
        {
            foreach (var template in Cases().Select(row => (string)row[0]).Distinct())
            {
                // The same text the golden tests render, sent as the TEMPLATE of /api/create.
                var text = NamedTemplates.Get(template)!.Text;
                await server.CreateModelAsync(template, TestPaths.Llama2Fixture, new() { ["template"] = text });
            }
            await server.CreateModelAsync("deepseek-r1", TestPaths.Llama2Fixture, new() { ["template"] = NamedTemplates.Get("chatml")!.Text });
        }
    }
}
