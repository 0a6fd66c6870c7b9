using Corral.Store.Modelfiles;

namespace Corral.Store.Tests;

public sealed class ParameterParserTests
{
    private static KeyValuePair<string, IReadOnlyList<string>> P(string key, params string[] values) => KeyValuePair.Create(key, (IReadOnlyList<string>)values);

    [Fact]
    public void TypesValuesAsOllama()
    {
        var warnings = new List<string>();
        var json = ParameterParser.Format(
            [P("temperature", "0.7"), P("num_ctx", "4096"), P("use_mmap", "TRUE"), P("stop", "<|eot_id|>", "</s>"), P("mirostat", "1")],
            warnings);

        Assert.Equal("{\"temperature\":0.7,\"num_ctx\":4096,\"use_mmap\":true,\"stop\":[\"<|eot_id|>\",\"</s>\"]}",
            json.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal(["warning: parameter mirostat is deprecated"], warnings);
    }

    [Theory]
    [InlineData("bogus", "1", "unknown parameter 'bogus'")]
    [InlineData("num_ctx", "4k", "invalid int value [4k]")]
    [InlineData("top_p", "high", "invalid float value [high]")]
    [InlineData("use_mmap", "yes", "invalid bool value [yes]")]
    public void RejectsBadValues(string key, string value, string message)
    {
        var e = Assert.Throws<StoreException>(() => ParameterParser.Format([P(key, value)]));
        Assert.Equal(400, e.Status);
        Assert.Equal(message, e.Message);
    }
}
