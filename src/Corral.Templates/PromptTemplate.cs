using Corral.Templates.GoTemplate;
using Corral.Templates.GoTemplate.Nodes;
using Corral.Templates.Values;

namespace Corral.Templates;

/// <summary>
/// A model's TEMPLATE as Ollama runs it (template/template.go): Go text/template with missingkey=zero and
/// Ollama's functions; a template that mentions neither <c>.Messages</c> nor <c>.Response</c> gets a trailing
/// <c>{{ .Response }}</c>; <see cref="Render"/> picks fill-in-middle, messages or legacy prompt/response mode.
/// </summary>
public sealed class PromptTemplate
{
    private readonly Template _template;
    private readonly ListNode _root;

    private PromptTemplate(string text, Template template)
    {
        Text = text;
        _template = template;
        var identifiers = TemplateTree.Identifiers(template.Root)
            .Concat(template.Definitions.Values.SelectMany(TemplateTree.Identifiers));
        Variables = identifiers.Select(i => i.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        _root = UsesMessages || Variables.Contains("response") ? template.Root : TemplateTree.AppendResponse(template.Root);
        ToolCallTag = TemplateTree.ToolCallTag(template.Root);
        ThinkingTags = TemplateTree.ThinkingTags(template.Root);
    }

    /// <summary>Ollama's fallback for models without a template.</summary>
    public static PromptTemplate Default { get; } = Parse("{{ .Prompt }}");

    /// <summary>The template text as written.</summary>
    public string Text { get; }

    /// <summary>Every field and variable name the template mentions, lower-cased and sorted (template.Vars).</summary>
    public IReadOnlyList<string> Variables { get; }

    public bool UsesMessages => Variables.Contains("messages");

    /// <summary>The template renders tools: the model gets the <c>tools</c> capability.</summary>
    public bool UsesTools => Variables.Contains("tools");

    /// <summary>The template renders a suffix: the model gets the <c>insert</c> capability.</summary>
    public bool UsesSuffix => Variables.Contains("suffix");

    /// <summary>Text that starts a tool call in model output (e.g. <c>&lt;tool_call&gt;</c>); "" when the template has none.</summary>
    public string ToolCallTag { get; }

    /// <summary>Tags around <c>.Thinking</c> in the message loop; both empty when not inferable.</summary>
    public (string Open, string Close) ThinkingTags { get; }

    /// <summary>The model can think (<c>thinking</c> capability) when both tags are known.</summary>
    public bool SupportsThinking => ThinkingTags.Open.Length > 0 && ThinkingTags.Close.Length > 0;

    /// <summary>What the template adds to a model's capabilities: "tools", "insert" and "thinking".</summary>
    public IReadOnlyList<string> Capabilities =>
        new[] { (UsesTools, "tools"), (UsesSuffix, "insert"), (SupportsThinking, "thinking") }.Where(c => c.Item1).Select(c => c.Item2).ToList();

    /// <exception cref="TemplateException">The text is not a valid Go template (Ollama answers 500 / 400 on create).</exception>
    public static PromptTemplate Parse(string text, TimeProvider? time = null) =>
        new(text, Template.Parse(text, "", OllamaFunctions.Create(time ?? TimeProvider.System)));

    /// <summary>Renders the prompt exactly as Ollama's Template.Execute does.</summary>
    /// <exception cref="TemplateException">Execution failed (for example a missing struct field).</exception>
    public string Render(PromptInput input)
    {
        var (system, messages) = Collate(input.Messages);
        if (input.Prompt.Length > 0 && input.Suffix.Length > 0)
        {
            return _template.Execute(_root, Root(input, ("Prompt", input.Prompt), ("Suffix", input.Suffix), ("Response", "")));
        }

        if (UsesMessages)
        {
            return _template.Execute(_root, Root(input,
                ("System", system),
                ("Messages", messages.Select(MessageValue.From).ToList()),
                ("Tools", ToolsValue.From(input.Tools)),
                ("Response", "")));
        }

        return RenderLegacy(input, messages);
    }

    /// <summary>
    /// Templates without <c>.Messages</c> see one exchange at a time: each completed system/user/assistant turn is
    /// rendered in full, the last one with the template cut after <c>{{ .Response }}</c> so the model continues it.
    /// </summary>
    private string RenderLegacy(PromptInput input, List<ChatMessage> messages)
    {
        var output = new System.Text.StringBuilder();
        string system = "", prompt = "", response = "";
        foreach (var message in messages)
        {
            switch (message.Role)
            {
                case "system":
                    if (prompt.Length > 0 || response.Length > 0)
                    {
                        Flush();
                    }

                    system = message.Content;
                    break;
                case "user":
                    if (response.Length > 0)
                    {
                        Flush();
                    }

                    prompt = message.Content;
                    break;
                case "assistant":
                    response = message.Content;
                    break;
            }
        }

        output.Append(_template.Execute(TemplateTree.CutAfterResponse(_root), LegacyRoot()));
        return output.ToString();

        void Flush()
        {
            output.Append(_template.Execute(_root, LegacyRoot()));
            system = prompt = response = "";
        }

        Dictionary<string, object?> LegacyRoot() => Root(input, ("System", system), ("Prompt", prompt), ("Response", response));
    }

    private static Dictionary<string, object?> Root(PromptInput input, params (string Name, object? Value)[] values)
    {
        var root = new Dictionary<string, object?>
        {
            ["Think"] = input.Think,
            ["ThinkLevel"] = input.ThinkLevel,
            ["IsThinkSet"] = input.IsThinkSet,
        };
        foreach (var (name, value) in values)
        {
            root[name] = value;
        }

        return root;
    }

    /// <summary>
    /// Ollama's collate: consecutive messages of one role (tool messages excepted) merge their content with a blank
    /// line; system messages stay in the list and are also joined into <c>.System</c>.
    /// </summary>
    private static (string System, List<ChatMessage> Messages) Collate(IReadOnlyList<ChatMessage> messages)
    {
        var system = new List<string>();
        var collated = new List<ChatMessage>();
        foreach (var message in messages)
        {
            if (message.Role == "system")
            {
                system.Add(message.Content);
            }

            if (collated.Count > 0 && collated[^1].Role == message.Role && message.Role != "tool")
            {
                collated[^1] = collated[^1] with { Content = collated[^1].Content + "\n\n" + message.Content };
            }
            else
            {
                collated.Add(message);
            }
        }

        return (string.Join("\n\n", system), collated);
    }
}
