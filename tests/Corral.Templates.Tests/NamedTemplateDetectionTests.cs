namespace Corral.Templates.Tests;

public sealed class NamedTemplateDetectionTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}", "llama3-instruct" },
        { "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}", "chatml" },
        { "{%- if tools %}{{- '<|im_start|>system\n' }}<tools>{% endif %}<tool_call>\n{{ tool_call.name }}</tool_call><|im_start|>", "qwen2.5" },
        { "<|im_start|>{{ role }}{% if enable_thinking is false %}<think>\n\n</think>{% endif %}", "qwen3" },
        { "{{ bos_token }}{% for message in messages %}{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}", "gemma-instruct" },
        { "{%- set first_user_prefix = messages[0]['content'][0]['text'] + '\n\n' -%}<start_of_turn>user", "gemma3-instruct" },
        { "{{ bos_token }}{% if messages[0]['role'] == 'system' %}<<SYS>>\n{{ system }}\n<</SYS>>\n\n{% endif %}[INST] {{ content }} [/INST]", "llama2-chat" },
        { "{{ bos_token }}{% for message in messages %}[INST] {{ message['content'] }} [/INST]{% endfor %}", "mistral-instruct" },
        { "{% for message in messages %}{{'<|' + message['role'] + '|>' + '\n' + message['content'] + '<|end|>\n'}}{% endfor %}<|user|>", "phi-3" },
        { "{% for message in messages %}<|user|>\n{{ message['content'] + eos_token }}{% endfor %}", "zephyr" },
        { "<|START_OF_TURN_TOKEN|><|USER_TOKEN|>{{ content }}<|END_OF_TURN_TOKEN|>", "command-r" },
        { "<|start_of_role|>user<|end_of_role|>{{ message['content'] }}<|end_of_text|>", "granite-instruct" },
        { "GPT4 Correct User: {{ content }}<|end_of_turn|>", "openchat" },
        { "### Instruction:\n{{ content }}\n\n### Response:\n", "alpaca" },
        { "### Instruction\n{{ content }}\n\n### Response\n", "starcoder2-instruct" },
        { "USER: {{ content }} ASSISTANT:", "vicuna" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DetectsTheFamilyFromItsMarkers(string jinja, string expected) =>
        Assert.Equal(expected, NamedTemplates.Detect(jinja)?.Name);

    [Fact]
    public void UnknownTemplatesAreNotGuessed() => Assert.Null(NamedTemplates.Detect("{{ messages | tojson }}"));

    [Fact]
    public void DetectedTemplatesCarryTheirStopSequences() =>
        Assert.Equal(["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"], NamedTemplates.Get("llama3-instruct")!.Stop);
}
