using System.Text.RegularExpressions;

namespace Corral.Templates;

/// <summary>
/// Ollama's server/prompt.go chatPrompt and the message assembly of the chat and generate handlers: which
/// messages go in, which old ones are dropped to fit num_ctx, and where image tags go.
/// </summary>
public static partial class PromptBuilder
{
    /// <summary>
    /// Renders <paramref name="input"/>'s messages, dropping the oldest non-system messages until the prompt fits.
    /// The whole history is tried first (the common case costs one count); otherwise, walking back from the newest
    /// message, each longer suffix of the history (plus the system messages before it) is rendered and counted; the
    /// longest that fits wins and the last message is always kept.
    /// </summary>
    public static async ValueTask<PromptResult> BuildAsync(
        PromptTemplate template, PromptInput input, PromptBudget budget, CancellationToken cancellationToken = default)
    {
        var messages = input.Messages;
        var first = 0;
        if (budget.Truncate && !await FitsAsync(0).ConfigureAwait(false))
        {
            first = messages.Count - 1;
            for (var i = first - 1; i >= 0 && await FitsAsync(i).ConfigureAwait(false); i--)
            {
                first = i;
            }
        }

        first = Math.Max(first, 0);
        var kept = WithEarlierSystem(messages, first);
        var earlierSystem = kept.Count - (messages.Count - first);
        var (tagged, images) = TagImages(kept, earlierSystem);
        var dropped = first - earlierSystem;
        return new PromptResult(template.Render(input with { Messages = tagged }), dropped, images, first);

        async ValueTask<bool> FitsAsync(int start)
        {
            var candidate = WithEarlierSystem(messages, start);
            var tokens = await budget.CountTokens(template.Render(input with { Messages = candidate }), cancellationToken)
                .ConfigureAwait(false);
            return tokens + budget.TokensPerImage * messages.Skip(start).Sum(m => m.ImageCount) <= budget.NumCtx;
        }
    }

    /// <summary>
    /// Chat history (Ollama ChatHandler): the model's MESSAGE history, then the request's messages; the model's
    /// SYSTEM goes first unless the request starts with its own system message.
    /// </summary>
    public static IReadOnlyList<ChatMessage> ChatMessages(string modelSystem, IReadOnlyList<ChatMessage> modelMessages, IReadOnlyList<ChatMessage> requestMessages)
    {
        var messages = modelMessages.Concat(requestMessages).ToList();
        if (requestMessages is [{ Role: not "system" }, ..] && modelSystem.Length > 0)
        {
            messages.Insert(0, new ChatMessage("system", modelSystem));
        }

        return messages;
    }

    /// <summary>
    /// Generate history (Ollama GenerateHandler): request system (else model SYSTEM), the model's MESSAGE history
    /// unless the request carries a context, then the prompt as a user message.
    /// </summary>
    public static IReadOnlyList<ChatMessage> GenerateMessages(string requestSystem, string modelSystem, IReadOnlyList<ChatMessage> modelMessages, bool hasContext, string prompt, int imageCount)
    {
        var messages = new List<ChatMessage>();
        var system = requestSystem.Length > 0 ? requestSystem : modelSystem;
        if (system.Length > 0)
        {
            messages.Add(new ChatMessage("system", system));
        }

        if (!hasContext)
        {
            messages.AddRange(modelMessages);
        }

        messages.Add(new ChatMessage("user", prompt) { ImageCount = imageCount });
        return messages;
    }

    /// <summary>
    /// Ollama removes <c>&lt;think&gt;...&lt;/think&gt;</c> from assistant messages before the last user message for
    /// the qwen3 family and deepseek-r1, whose templates expect earlier reasoning to be gone.
    /// </summary>
    public static IReadOnlyList<ChatMessage> StripThinkingBeforeLastUser(IReadOnlyList<ChatMessage> messages)
    {
        var lastUser = messages.Select((m, i) => (m, i)).LastOrDefault(x => x.m.Role == "user", (null!, -1)).Item2;
        return messages.Select((m, i) => m.Role == "assistant" && i < lastUser
            ? m with { Content = ThinkBlock().Replace(m.Content, "") }
            : m).ToList();
    }

    [GeneratedRegex("(?s)<think>.*?</think>")]
    private static partial Regex ThinkBlock();

    private static List<ChatMessage> WithEarlierSystem(IReadOnlyList<ChatMessage> messages, int start) =>
        messages.Take(start).Where(m => m.Role == "system").Concat(messages.Skip(start)).ToList();

    /// <summary>
    /// Each image of a kept message becomes <c>[img-N]</c> (N counts images across the prompt): it replaces the
    /// first literal <c>[img]</c> in the content, or is prefixed to the content when there is none.
    /// </summary>
    private static (List<ChatMessage> Messages, int Images) TagImages(List<ChatMessage> messages, int skip)
    {
        var images = 0;
        var tagged = new List<ChatMessage>(messages.Count);
        foreach (var (message, index) in messages.Select((m, i) => (m, i)))
        {
            if (index < skip || message.ImageCount == 0)
            {
                tagged.Add(message);
                continue;
            }

            var prefix = "";
            var content = message.Content;
            for (var i = 0; i < message.ImageCount; i++)
            {
                var tag = $"[img-{images++}]";
                var placeholder = content.IndexOf("[img]", StringComparison.Ordinal);
                if (placeholder < 0)
                {
                    prefix += tag;
                }
                else
                {
                    content = string.Concat(content.AsSpan(0, placeholder), tag, content.AsSpan(placeholder + "[img]".Length));
                }
            }

            tagged.Add(message with { Content = prefix + content });
        }

        return (tagged, images);
    }
}
