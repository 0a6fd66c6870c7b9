using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Contracts;
using Corral.Contracts.Ollama;

namespace Corral.Server.Tests.Contracts;

/// <summary>Byte-exact JSON of the Ollama wire records against the shapes in ollama-behavior.md section 1.</summary>
public sealed class WireJsonTests
{
    private static readonly DateTimeOffset _at = new(2024, 1, 1, 0, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void GenerateChunkOmitsEmptyFieldsButKeepsResponse()
    {
        var json = JsonSerializer.Serialize(new GenerateResponse { Model = "m", CreatedAt = _at }, CorralJsonContext.Default.GenerateResponse);
        Assert.Equal("{\"model\":\"m\",\"created_at\":\"2024-01-01T00:00:00.123Z\",\"response\":\"\",\"done\":false}", json);
    }

    [Fact]
    public void GenerateFinalChunkCarriesMetricsInNanoseconds()
    {
        var json = JsonSerializer.Serialize(new GenerateResponse
        {
            Model = "m", CreatedAt = _at.AddTicks(4560), Done = true, DoneReason = "stop", Context = [1, 2],
            TotalDuration = 1234, LoadDuration = 56, PromptEvalCount = 26, PromptEvalDuration = 78, EvalCount = 290, EvalDuration = 90,
        }, CorralJsonContext.Default.GenerateResponse);
        Assert.Equal("{\"model\":\"m\",\"created_at\":\"2024-01-01T00:00:00.123456Z\",\"response\":\"\",\"done\":true,\"done_reason\":\"stop\","
            + "\"context\":[1,2],\"total_duration\":1234,\"load_duration\":56,\"prompt_eval_count\":26,\"prompt_eval_duration\":78,"
            + "\"eval_count\":290,\"eval_duration\":90}", json);
    }

    [Fact]
    public void CreatedAtWithoutFractionHasNoDot()
    {
        var json = JsonSerializer.Serialize(new VersionResponse { Version = "x" }, CorralJsonContext.Default.VersionResponse);
        Assert.Equal("{\"version\":\"x\"}", json);
        Assert.Equal("2024-01-01T00:00:00Z", Corral.Contracts.Json.GoTimeJsonConverter.Format(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("2024-01-01T10:00:00.5-07:00", Corral.Contracts.Json.GoTimeJsonConverter.Format(new DateTimeOffset(2024, 1, 1, 10, 0, 0, 500, TimeSpan.FromHours(-7))));
    }

    [Fact]
    public void ChatChunkAlwaysSerializesContentAndPutsDoneReasonBeforeDone()
    {
        var json = JsonSerializer.Serialize(new ChatResponse
        {
            Model = "m", CreatedAt = _at, Message = new Message { Role = "assistant", Content = "" }, Done = true, DoneReason = "unload",
        }, CorralJsonContext.Default.ChatResponse);
        Assert.Equal("{\"model\":\"m\",\"created_at\":\"2024-01-01T00:00:00.123Z\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"done_reason\":\"unload\",\"done\":true}", json);
    }

    [Fact]
    public void ToolCallAlwaysWritesIndexAndKeepsArgumentOrder()
    {
        var message = JsonSerializer.Deserialize(
            "{\"role\":\"ASSISTANT\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":{\"z\":1,\"a\":\"b\"}}}]}",
            CorralJsonContext.Default.ChatRequest.Options.GetTypeInfo(typeof(Message)))!;
        var json = JsonSerializer.Serialize(message, CorralJsonContext.Default.ChatRequest.Options.GetTypeInfo(typeof(Message)));
        Assert.Equal("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"index\":0,\"name\":\"f\",\"arguments\":{\"z\":1,\"a\":\"b\"}}}]}", json);
    }

    [Fact]
    public void EmptyToolArgumentsAreAnEmptyObject()
    {
        var call = new ToolCall { Id = "call_abcdefgh", Function = new ToolCallFunction { Name = "f" } };
        var json = JsonSerializer.Serialize(call, CorralJsonContext.Default.Options.GetTypeInfo(typeof(ToolCall)));
        Assert.Equal("{\"id\":\"call_abcdefgh\",\"function\":{\"index\":0,\"name\":\"f\",\"arguments\":{}}}", json);
    }

    [Theory]
    [InlineData("300", 300_000_000_000L)]
    [InlineData("42.5", 42_500_000_000L)]
    [InlineData("\"10m\"", 600_000_000_000L)]
    [InlineData("\"0\"", 0L)]
    [InlineData("0", 0L)]
    [InlineData("-1", long.MaxValue)]
    [InlineData("\"-1m\"", long.MaxValue)]
    public void KeepAliveAcceptsSecondsAndDurations(string wire, long expected)
    {
        var request = JsonSerializer.Deserialize("{\"model\":\"m\",\"keep_alive\":" + wire + "}", CorralJsonContext.Default.GenerateRequest)!;
        Assert.Equal(expected, request.KeepAlive!.Value.Nanoseconds);
    }

    [Theory]
    [InlineData("\"5\"", "time: missing unit in duration \"5\"")]
    [InlineData("true", "Unsupported type: 'bool'")]
    [InlineData("[]", "Unsupported type: '[]interface {}'")]
    public void KeepAliveRejectsLikeOllama(string wire, string message)
    {
        var error = Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize("{\"model\":\"m\",\"keep_alive\":" + wire + "}", CorralJsonContext.Default.GenerateRequest));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void KeepAliveWritesGoDurationOrMinusOne()
    {
        Assert.Equal("{\"model\":\"m\",\"keep_alive\":\"5m0s\"}", JsonSerializer.Serialize(
            new GenerateRequest { Model = "m", KeepAlive = new Duration(300_000_000_000) }, CorralJsonContext.Default.GenerateRequest));
        Assert.Equal("{\"model\":\"m\",\"keep_alive\":-1}", JsonSerializer.Serialize(
            new GenerateRequest { Model = "m", KeepAlive = Duration.Forever }, CorralJsonContext.Default.GenerateRequest));
    }

    [Theory]
    [InlineData("true", true, null)]
    [InlineData("false", false, null)]
    [InlineData("\"high\"", true, "high")]
    [InlineData("\"max\"", true, "max")]
    public void ThinkAcceptsBoolOrLevel(string wire, bool enabled, string? level)
    {
        var request = JsonSerializer.Deserialize("{\"model\":\"m\",\"think\":" + wire + "}", CorralJsonContext.Default.ChatRequest)!;
        Assert.Equal(enabled, request.Think!.Value.Enabled);
        Assert.Equal(level, request.Think.Value.Level);
        Assert.Equal("{\"model\":\"m\",\"think\":" + wire + "}", JsonSerializer.Serialize(request, CorralJsonContext.Default.ChatRequest));
    }

    [Theory]
    [InlineData("\"x\"", "invalid think value: \"x\" (must be \"high\", \"medium\", \"low\", \"max\", true, or false)")]
    [InlineData("1", "think must be a boolean or string (\"high\", \"medium\", \"low\", \"max\", true, or false)")]
    public void ThinkRejectsWithOllamaMessages(string wire, string message)
    {
        var error = Assert.ThrowsAny<JsonException>(() =>
            JsonSerializer.Deserialize("{\"model\":\"m\",\"think\":" + wire + "}", CorralJsonContext.Default.ChatRequest));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void FormatStaysRaw()
    {
        var request = JsonSerializer.Deserialize("{\"model\":\"m\",\"format\":{\"type\":\"object\"}}", CorralJsonContext.Default.GenerateRequest)!;
        Assert.Equal(JsonValueKind.Object, request.Format!.Value.ValueKind);
        Assert.Equal("{\"model\":\"m\",\"format\":{\"type\":\"object\"}}", JsonSerializer.Serialize(request, CorralJsonContext.Default.GenerateRequest));
    }

    [Fact]
    public void EmbedInputIsStringOrArray()
    {
        var one = JsonSerializer.Deserialize("{\"model\":\"m\",\"input\":\"a\"}", CorralJsonContext.Default.EmbedRequest)!;
        var many = JsonSerializer.Deserialize("{\"model\":\"m\",\"input\":[\"a\",\"b\"]}", CorralJsonContext.Default.EmbedRequest)!;
        Assert.Equal(["a"], one.Input!.Texts);
        Assert.Equal(["a", "b"], many.Input!.Texts);
        Assert.Equal("{\"model\":\"m\",\"input\":[\"a\",\"b\"]}", JsonSerializer.Serialize(many, CorralJsonContext.Default.EmbedRequest));
        var error = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("{\"model\":\"m\",\"input\":[1]}", CorralJsonContext.Default.EmbedRequest));
        Assert.Equal("invalid input type", error.Message);
    }

    [Fact]
    public void ProgressOmitsZeroTotals()
    {
        Assert.Equal("{\"status\":\"success\"}", JsonSerializer.Serialize(new ProgressResponse { Status = "success" }, CorralJsonContext.Default.ProgressResponse));
        Assert.Equal("{\"status\":\"pulling abc\",\"digest\":\"sha256:abc\",\"total\":10,\"completed\":5}", JsonSerializer.Serialize(
            new ProgressResponse { Status = "pulling abc", Digest = "sha256:abc", Total = 10, Completed = 5 }, CorralJsonContext.Default.ProgressResponse));
    }

    [Fact]
    public void ListAndPsShapes()
    {
        Assert.Equal("{\"models\":[]}", JsonSerializer.Serialize(new ListResponse(), CorralJsonContext.Default.ListResponse));
        var ps = new ProcessResponse
        {
            Models = [new ProcessModelResponse
            {
                Name = "a:latest", Model = "a:latest", Size = 10, Digest = "d", ExpiresAt = _at, ContextLength = 4096,
                Details = new ModelDetails { Format = "gguf", Family = "llama", Families = ["llama"], ParameterSize = "1M", QuantizationLevel = "F16" },
            }],
        };
        Assert.Equal("{\"models\":[{\"name\":\"a:latest\",\"model\":\"a:latest\",\"size\":10,\"digest\":\"d\",\"details\":{\"parent_model\":\"\","
            + "\"format\":\"gguf\",\"family\":\"llama\",\"families\":[\"llama\"],\"parameter_size\":\"1M\",\"quantization_level\":\"F16\"},"
            + "\"expires_at\":\"2024-01-01T00:00:00.123Z\",\"size_vram\":0,\"context_length\":4096}]}",
            JsonSerializer.Serialize(ps, CorralJsonContext.Default.ProcessResponse));
    }

    [Fact]
    public void LogprobsUseOllamaNames()
    {
        var response = new GenerateResponse
        {
            Model = "m", CreatedAt = _at,
            Logprobs = [new Logprob { Token = "a", LogProbability = -0.5, Bytes = [97], TopLogprobs = [new TopLogprob { Token = "a", LogProbability = -0.5, Bytes = [97] }] }],
        };
        Assert.Contains("\"logprobs\":[{\"token\":\"a\",\"logprob\":-0.5,\"bytes\":[97],\"top_logprobs\":[{\"token\":\"a\",\"logprob\":-0.5,\"bytes\":[97]}]}]",
            JsonSerializer.Serialize(response, CorralJsonContext.Default.GenerateResponse));
    }

    [Fact]
    public void ImagesAreBase64()
    {
        var request = JsonSerializer.Deserialize("{\"model\":\"m\",\"images\":[\"AQID\"]}", CorralJsonContext.Default.GenerateRequest)!;
        Assert.Equal([1, 2, 3], request.Images![0]);
    }

    [Fact]
    public void OptionsApplyWithGoTypeRules()
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("{\"num_ctx\":8192.7,\"temperature\":0,\"stop\":[\"x\"],\"use_mmap\":false,\"mirostat\":1,\"seed\":null}")!;
        Assert.True(new Options().TryApply(map, out var options, out var error), error);
        Assert.Equal(8192, options.NumCtx);
        Assert.Equal(0f, options.Temperature);
        Assert.Equal(["x"], options.Stop);
        Assert.False(options.UseMmap);
        Assert.Equal(-1, options.Seed);
    }

    [Theory]
    [InlineData("{\"top_k\":\"1\"}", "option \"top_k\" must be of type integer")]
    [InlineData("{\"top_p\":true}", "option \"top_p\" must be of type float32")]
    [InlineData("{\"use_mmap\":1}", "option \"use_mmap\" must be of type boolean")]
    [InlineData("{\"stop\":\"x\"}", "option \"stop\" must be of type array")]
    [InlineData("{\"stop\":[1]}", "option \"stop\" must be of an array of strings")]
    public void OptionsTypeErrorsUseGoMessages(string wire, string message)
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(wire)!;
        Assert.False(new Options().TryApply(map, out _, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void ReloadOnlyForLoadTimeOptions()
    {
        var loaded = new Options { NumCtx = 4096 };
        Assert.False((loaded with { Temperature = 0, Seed = 1, NumCtx = 2048 }).NeedsReload(loaded));
        Assert.True((loaded with { NumCtx = 8192 }).NeedsReload(loaded));
        Assert.True((loaded with { NumBatch = 256 }).NeedsReload(loaded));
        Assert.True((loaded with { UseMmap = false }).NeedsReload(loaded));
    }

    [Fact]
    public void ArgumentsNodeIsAnObject() => Assert.IsType<JsonObject>(new ToolCallFunction().Arguments);
}
