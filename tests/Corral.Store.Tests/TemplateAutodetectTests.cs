using System.Text.Json.Nodes;
using Corral.Store.Create;
using Corral.Store.Show;
using Corral.Templates;

namespace Corral.Store.Tests;

/// <summary>
/// Ollama's template autodetection at create (reference section 7, step 4): a GGUF imported without a TEMPLATE
/// gets the built-in format its Jinja chat template matches, with that format's stop words.
/// </summary>
public sealed class TemplateAutodetectTests : IDisposable
{
    // Meta-Llama-3-8B-Instruct's tokenizer.chat_template, as its GGUF conversions carry it.
    private const string Llama3Jinja =
        "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + " +
        "message['role'] + '<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}" +
        "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}" +
        "{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

    private readonly TempStore _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_gguf_with_a_llama3_chat_template_gets_the_llama3_format_and_its_stop_words()
    {
        var digest = await UploadGgufAsync(Llama3Jinja);

        var progress = await CreateFromFileAsync("detected", digest);

        var statuses = progress.Select(p => p.Status).ToList();
        Assert.Equal("using autodetected template llama3-instruct", statuses[1]);
        var show = new ShowService(_temp.Store).Show("detected");
        Assert.Equal(NamedTemplates.Get("llama3-instruct")!.Text, show.Template);
        Assert.Equal(
            "stop                           \"<|start_header_id|>\"\n" +
            "stop                           \"<|end_header_id|>\"\n" +
            "stop                           \"<|eot_id|>\"", show.Parameters);
    }

    [Fact]
    public async Task The_requests_template_and_parameters_win_over_the_detected_ones()
    {
        var digest = await UploadGgufAsync(Llama3Jinja);

        await CreateFromFileAsync("mine", digest, new CreateModelRequest
        {
            Model = "mine",
            Template = "{{ .Prompt }}",
            Parameters = JsonNode.Parse("""{"temperature":0.1}""")!.AsObject(),
        });

        var show = new ShowService(_temp.Store).Show("mine");
        Assert.Equal("{{ .Prompt }}", show.Template);
        Assert.Contains("temperature                    0.1", show.Parameters);
        Assert.Contains("stop                           \"<|eot_id|>\"", show.Parameters);
    }

    [Fact]
    public async Task An_unknown_or_missing_chat_template_and_a_create_from_a_model_detect_nothing()
    {
        var plain = await StoreFixtureHelpers.UploadAsync(_temp, TestPaths.TinyLlama2);
        var unknown = await UploadGgufAsync("{{ messages | tojson }}");
        var detected = await UploadGgufAsync(Llama3Jinja);
        await CreateFromFileAsync("plain", plain);
        await CreateFromFileAsync("unknown", unknown);
        await CreateFromFileAsync("base", detected);
        var service = new CreateService(_temp.Store);

        var derived = await StoreFixtureHelpers.CreateAsync(service, new CreateModelRequest { Model = "derived", From = "base" });

        Assert.DoesNotContain(derived, p => p.Status.StartsWith("using autodetected", StringComparison.Ordinal));
        var show = new ShowService(_temp.Store);
        Assert.Equal(show.Show("base").Template, show.Show("derived").Template);
        Assert.All(new[] { "plain", "unknown" }, name => Assert.DoesNotContain(
            _temp.Store.Manifests.Read(Names.ModelName.Parse(name))!.Manifest.Layers,
            l => l.MediaType == Manifests.MediaTypes.Template));
    }

    private async Task<string> UploadGgufAsync(string chatTemplate)
    {
        var bytes = new GgufBuilder()
            .String("general.architecture", "llama")
            .UInt32("general.file_type", 1)
            .String("tokenizer.chat_template", chatTemplate)
            .Tensor("token_embd.weight", [8, 2], type: 0, offset: 0) // F32: create refuses a GGUF without tensors
            .Build(dataBytes: 64);
        var info = await _temp.Store.Blobs.AddBytesAsync(bytes);
        return info.Digest.ToString();
    }

    private Task<List<CreateProgress>> CreateFromFileAsync(string name, string digest, CreateModelRequest? request = null) =>
        StoreFixtureHelpers.CreateAsync(new CreateService(_temp.Store), (request ?? new CreateModelRequest { Model = name }) with
        {
            Files = new Dictionary<string, string> { ["model.gguf"] = digest },
        });
}
