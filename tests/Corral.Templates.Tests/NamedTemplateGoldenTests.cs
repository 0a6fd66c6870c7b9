namespace Corral.Templates.Tests;

/// <summary>
/// Every named template × every conversation, byte for byte against testdata/&lt;template&gt;/&lt;conversation&gt;.
/// Set CORRAL_UPDATE_GOLDENS=1 to rewrite the files in the source tree, then review each diff by hand against
/// the model family's documented chat format before committing.
/// </summary>
public sealed class NamedTemplateGoldenTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in NamedTemplates.Names.Order(StringComparer.Ordinal))
        {
            var template = PromptTemplate.Parse(NamedTemplates.Get(name)!.Text);
            foreach (var conversation in GoldenConversations.For(template))
            {
                data.Add(name, conversation);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RendersGolden(string name, string conversation)
    {
        var template = PromptTemplate.Parse(NamedTemplates.Get(name)!.Text);

        var actual = template.Render(GoldenConversations.All[conversation]);

        var relative = Path.Combine("testdata", name, conversation);
        if (Environment.GetEnvironmentVariable("CORRAL_UPDATE_GOLDENS") == "1")
        {
            var source = Path.Combine(TestPaths.ProjectDirectory, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
            File.WriteAllText(source, actual);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relative)), actual);
    }

    [Fact]
    public void LibraryHasTheCommonFamilies()
    {
        string[] expected =
        [
            "alpaca", "chatml", "chatqa", "codellama-70b-instruct", "command-r", "falcon-instruct", "gemma-instruct",
            "gemma3-instruct", "granite-instruct", "llama2-chat", "llama3-instruct", "magicoder", "mistral-instruct",
            "openchat", "phi-3", "qwen2.5", "qwen3", "solar-instruct", "starcoder2-instruct", "vicuna", "zephyr",
        ];

        Assert.Equal(expected, NamedTemplates.Names.Order(StringComparer.Ordinal));
    }
}
