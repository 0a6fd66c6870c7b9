using System.Reflection;

namespace Corral.Templates;

/// <summary>
/// The built-in chat formats (Named/*.gotmpl, embedded), and detection of the right one from a GGUF's Jinja
/// <c>tokenizer.chat_template</c> when a model is imported without a TEMPLATE.
/// </summary>
public static class NamedTemplates
{
    private static readonly Dictionary<string, string[]> s_stops = new()
    {
        ["alpaca"] = ["### Instruction:", "### Response"],
        ["chatml"] = ["<|im_start|>", "<|im_end|>"],
        ["chatqa"] = ["System:", "User:", "Assistant:", "<|begin_of_text|>"],
        ["codellama-70b-instruct"] = ["Source:", "Destination:", "<step>"],
        ["command-r"] = ["<|START_OF_TURN_TOKEN|>", "<|END_OF_TURN_TOKEN|>"],
        ["falcon-instruct"] = ["User:", "Falcon:"],
        ["gemma-instruct"] = ["<start_of_turn>", "<end_of_turn>"],
        ["gemma3-instruct"] = ["<end_of_turn>"],
        ["granite-instruct"] = ["<|end_of_text|>", "<|start_of_role|>"],
        ["llama2-chat"] = ["[INST]", "[/INST]", "<<SYS>>", "<</SYS>>"],
        ["llama3-instruct"] = ["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"],
        ["magicoder"] = ["@@ Instruction"],
        ["mistral-instruct"] = ["[INST]", "[/INST]"],
        ["openchat"] = ["<|end_of_turn|>"],
        ["phi-3"] = ["<|end|>", "<|system|>", "<|user|>", "<|assistant|>"],
        ["qwen2.5"] = ["<|im_start|>", "<|im_end|>"],
        ["qwen3"] = ["<|im_start|>", "<|im_end|>"],
        ["solar-instruct"] = ["### System:", "### User:", "### Assistant"],
        ["starcoder2-instruct"] = ["### Instruction", "### Response", "<|endoftext|>"],
        ["vicuna"] = ["USER:", "ASSISTANT:"],
        ["zephyr"] = ["<|system|>", "</s>", "<|user|>", "<|assistant|>"],
    };

    private static readonly Lazy<IReadOnlyDictionary<string, NamedTemplate>> s_all = new(Load);

    public static IReadOnlyCollection<string> Names => s_all.Value.Keys.ToList();

    public static NamedTemplate? Get(string name) => s_all.Value.GetValueOrDefault(name);

    /// <summary>
    /// Maps a Jinja chat template to a named template by the family's distinctive special tokens and markers.
    /// Ollama compares against known Hugging Face templates by edit distance; markers are steadier across the
    /// many small variants of one family (extra whitespace, tool sections, date headers). Null when unknown.
    /// </summary>
    public static NamedTemplate? Detect(string chatTemplate)
    {
        bool Has(string marker) => chatTemplate.Contains(marker, StringComparison.Ordinal);

        var name =
            Has("<|start_header_id|>") ? "llama3-instruct" :
            Has("<|im_start|>") ? Has("<think>") ? "qwen3" : Has("<tool_call>") ? "qwen2.5" : "chatml" :
            Has("<start_of_turn>") ? Has("first_user_prefix") || Has("<start_of_image>") ? "gemma3-instruct" : "gemma-instruct" :
            Has("<|START_OF_TURN_TOKEN|>") ? "command-r" :
            Has("<|start_of_role|>") ? "granite-instruct" :
            Has("<step>") && Has("Source:") ? "codellama-70b-instruct" :
            Has("[INST]") ? Has("<<SYS>>") ? "llama2-chat" : "mistral-instruct" :
            Has("<|user|>") ? Has("<|end|>") ? "phi-3" : "zephyr" :
            Has("GPT4 Correct") ? "openchat" :
            Has("@@ Instruction") ? "magicoder" :
            Has("### Instruction:") ? "alpaca" :
            Has("### Instruction") ? "starcoder2-instruct" :
            Has("### User:") ? "solar-instruct" :
            Has("USER:") && Has("ASSISTANT:") ? "vicuna" :
            Has("Falcon:") ? "falcon-instruct" :
            Has("User:") && Has("Assistant:") ? "chatqa" :
            null;
        return name is null ? null : Get(name);
    }

    private static IReadOnlyDictionary<string, NamedTemplate> Load()
    {
        const string prefix = "Corral.Templates.Named.";
        var assembly = typeof(NamedTemplates).Assembly;
        var templates = new Dictionary<string, NamedTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var name = resource[prefix.Length..^".gotmpl".Length];
            templates[name] = new NamedTemplate(name, Read(assembly, resource), s_stops.GetValueOrDefault(name) ?? []);
        }

        return templates;
    }

    /// <summary>Files end with a newline by repository convention; that one newline is not part of the template.</summary>
    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd().Replace("\r\n", "\n");
        return text.EndsWith('\n') ? text[..^1] : text;
    }
}
