using Corral.Fixtures;
using Corral.IntegrationTests.Infrastructure;
using Corral.Store.Gguf;

namespace Corral.IntegrationTests.Client;

/// <summary>
/// The real server with <see cref="ToolModel"/>: a scripted fixture (tools/Corral.Fixtures) that, decoding greedily,
/// first writes the tool call <see cref="ToolCall"/> and, once the prompt ends with a tool result, the answer
/// <see cref="Answer"/>. The call is ordinary model output that the server's tool parser has to recognise.
/// </summary>
public sealed class ScriptedToolModelFixture : ModelFixture
{
    public const string ToolModel = "weather:latest";

    public const string ToolCall = """{"name":"get_weather","arguments":{"city":"Paris"}}""";

    public const string Answer = "It is sunny in Paris.";

    // Calls render as bare JSON (so the parser's tag is the JSON object itself); after a tool result the prompt ends
    // with "Summary", the script token that leads to the answer, otherwise with ':', which leads to the call.
    private const string Template = """
        {{- if .Tools }}Tools:{{ range .Tools }} {{ .Function.Name }}{{ end }}
        {{ end }}
        {{- range $i, $_ := .Messages }}
        {{- $last := eq (len (slice $.Messages $i)) 1 }}
        {{- .Role }}: {{ .Content }}
        {{- if .ToolCalls }}{{ range .ToolCalls }}{"name":"{{ .Function.Name }}","arguments":{{ .Function.Arguments }}}{{ end }}{{ end }}
        {{ if and $last (eq .Role "tool") }}Summary{{ else if $last }}assistant:{{ end }}
        {{- end }}
        """;

    // Script tokens must be distinct (ScriptedWeights), so the texts are split into distinct Llama-3 vocabulary
    // pieces by hand: byte-level BPE spells a leading space as 'Ġ'.
    private static readonly string[] _toolCallPieces = ["{\"", "name", "\":\"", "get", "_weather", "\",\"", "arguments", "\":{\"", "city", "\":", "\"", "Paris", "\"}}"];
    private static readonly string[] _answerPieces = ["It", " is", " sunny", " in", " Paris", "."];

    protected override async Task CreateModelsAsync(RealServer server)
    {
        Assert.Equal(ToolCall, string.Concat(_toolCallPieces));
        Assert.Equal(Answer, string.Concat(_answerPieces));
        var vocabulary = GgufReader.Read(TestPaths.Llama3Fixture);
        var ids = ((GgufArray)vocabulary.Metadata["tokenizer.ggml.tokens"]).Items
            .Select((token, id) => ((string)token, id)).ToDictionary(pair => pair.Item1, pair => pair.id);
        int Id(string piece) => ids.TryGetValue(piece.Replace(' ', 'Ġ'), out var id) ? id : throw new InvalidOperationException($"no vocabulary token '{piece}'");
        // <|eot_id|> ends the call; <|end_of_text|> (another end-of-generation token) ends the answer.
        int[] script = [.. _toolCallPieces.Select(Id), Id("<|eot_id|>"), Id("Summary"), .. _answerPieces.Select(Id), Id("<|end_of_text|>")];

        var path = Path.Combine(server.StorePath, "scripted-tool-model.gguf");
        LlamaFixtureWriter.Write(path, new LlamaModelShape(), vocabulary, script: script);
        try
        {
            await server.CreateModelAsync(ToolModel, path, RealServer.SmallContext(("template", Template)));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
