namespace Corral.Templates.Tests;

public sealed class PromptBuilderTests
{
    private static readonly PromptTemplate s_template = PromptTemplate.Parse("{{ range .Messages }}[{{ .Role }}:{{ .Content }}]{{ end }}");

    private static readonly ChatMessage[] s_history =
    [
        new("system", "sys"),
        new("user", "aaaa"),
        new("assistant", "bbbb"),
        new("user", "cccc"),
        new("assistant", "dddd"),
        new("user", "last"),
    ];

    // One token per character keeps the arithmetic visible: "[user:last]" is 11 tokens.
    private static PromptBudget Budget(int numCtx) => new((s, _) => ValueTask.FromResult(s.Length), numCtx);

    [Fact]
    public async Task EverythingFitsNothingDropped()
    {
        var result = await PromptBuilder.BuildAsync(s_template, new PromptInput { Messages = s_history }, Budget(1000));

        Assert.Equal("[system:sys][user:aaaa][assistant:bbbb][user:cccc][assistant:dddd][user:last]", result.Prompt);
        Assert.Equal(0, result.DroppedMessages);
    }

    [Fact]
    public async Task AHistoryThatFitsIsCountedOnce()
    {
        var counted = new List<string>();
        var budget = new PromptBudget((s, _) => { counted.Add(s); return ValueTask.FromResult(s.Length); }, 1000);

        await PromptBuilder.BuildAsync(s_template, new PromptInput { Messages = s_history }, budget);

        Assert.Equal(["[system:sys][user:aaaa][assistant:bbbb][user:cccc][assistant:dddd][user:last]"], counted);
    }

    [Fact]
    public async Task OldestNonSystemMessagesAreDroppedToFit()
    {
        // [system:sys][assistant:dddd][user:last] = 12 + 16 + 11 = 39 tokens; adding [user:cccc] needs 50.
        var result = await PromptBuilder.BuildAsync(s_template, new PromptInput { Messages = s_history }, Budget(45));

        Assert.Equal("[system:sys][assistant:dddd][user:last]", result.Prompt);
        Assert.Equal(3, result.DroppedMessages);
    }

    [Fact]
    public async Task LastMessageIsKeptEvenWhenItAloneIsTooLong()
    {
        var result = await PromptBuilder.BuildAsync(s_template, new PromptInput { Messages = s_history }, Budget(5));

        Assert.Equal("[system:sys][user:last]", result.Prompt);
        Assert.Equal(4, result.DroppedMessages);
    }

    [Fact]
    public async Task TruncateFalseKeepsEverything()
    {
        var result = await PromptBuilder.BuildAsync(s_template, new PromptInput { Messages = s_history }, Budget(5) with { Truncate = false });

        Assert.Equal(0, result.DroppedMessages);
    }

    [Fact]
    public async Task ImagesCountAgainstTheContext()
    {
        ChatMessage[] messages = [new("user", "aaaa") { ImageCount = 1 }, new("user", "x"), new("assistant", "y"), new("user", "z")];

        var withoutCost = await PromptBuilder.BuildAsync(s_template, new PromptInput { Messages = messages }, Budget(100));
        var withCost = await PromptBuilder.BuildAsync(s_template, new PromptInput { Messages = messages }, Budget(100) with { TokensPerImage = 768 });

        Assert.Equal(0, withoutCost.DroppedMessages);
        Assert.Equal(1, withoutCost.ImageCount);
        Assert.Equal(1, withCost.DroppedMessages);
        Assert.Equal(0, withCost.ImageCount);
        Assert.Equal(1, withCost.FirstMessage);
    }

    [Fact]
    public async Task ImageTagsReplacePlaceholdersOrArePrefixed()
    {
        ChatMessage[] messages =
        [
            new("user", "look [img] and [img]") { ImageCount = 2 },
            new("assistant", "ok"),
            new("user", "and this") { ImageCount = 1 },
        ];

        var result = await PromptBuilder.BuildAsync(s_template, new PromptInput { Messages = messages }, Budget(1000));

        Assert.Equal("[user:look [img-0] and [img-1]][assistant:ok][user:[img-2]and this]", result.Prompt);
        Assert.Equal(3, result.ImageCount);
    }

    [Fact]
    public void ChatMessagesPutModelSystemAndHistoryFirst()
    {
        var messages = PromptBuilder.ChatMessages("model sys", [new("user", "old q"), new("assistant", "old a")], [new("user", "q")]);

        Assert.Equal(["system:model sys", "user:old q", "assistant:old a", "user:q"], messages.Select(m => $"{m.Role}:{m.Content}"));
    }

    [Fact]
    public void ChatMessagesKeepTheRequestSystemInstead()
    {
        var messages = PromptBuilder.ChatMessages("model sys", [], [new("system", "mine"), new("user", "q")]);

        Assert.Equal(["system:mine", "user:q"], messages.Select(m => $"{m.Role}:{m.Content}"));
    }

    [Fact]
    public void GenerateMessagesPreferRequestSystemAndSkipHistoryWithContext()
    {
        var withHistory = PromptBuilder.GenerateMessages("", "model sys", [new("user", "old")], hasContext: false, "p", 1);
        var withContext = PromptBuilder.GenerateMessages("req sys", "model sys", [new("user", "old")], hasContext: true, "p", 0);

        Assert.Equal(["system:model sys", "user:old", "user:p"], withHistory.Select(m => $"{m.Role}:{m.Content}"));
        Assert.Equal(1, withHistory[^1].ImageCount);
        Assert.Equal(["system:req sys", "user:p"], withContext.Select(m => $"{m.Role}:{m.Content}"));
    }

    [Fact]
    public void ThinkBlocksAreStrippedOnlyBeforeTheLastUserMessage()
    {
        ChatMessage[] messages =
        [
            new("assistant", "<think>old\nreasoning</think>Answer one"),
            new("user", "next"),
            new("assistant", "<think>kept</think>Answer two"),
        ];

        var stripped = PromptBuilder.StripThinkingBeforeLastUser(messages);

        Assert.Equal(["Answer one", "next", "<think>kept</think>Answer two"], stripped.Select(m => m.Content));
    }
}
