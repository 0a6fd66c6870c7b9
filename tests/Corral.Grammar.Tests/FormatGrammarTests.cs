using System.Text.Json;
using Corral.Grammar;

namespace Corral.Grammar.Tests;

public sealed class FormatGrammarTests
{
    private static string? FromFormat(string json) => FormatGrammar.FromFormat(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void AbsentNullAndEmptyString_AreNoGrammar()
    {
        Assert.Null(FormatGrammar.FromFormat(null));
        Assert.Null(FromFormat("null"));
        Assert.Null(FromFormat("\"\""));
    }

    [Fact]
    public void Json_IsTheJsonGrammar() => Assert.Equal(JsonGrammar.Json, FromFormat("\"json\""));

    [Fact]
    public void Object_IsASchemaGrammar() =>
        Assert.True(new GbnfMatcher(FromFormat("""{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}""")!)
            .Matches("""{"a":5}"""));

    [Theory]
    [InlineData("\"yaml\"", """invalid format: "\"yaml\""; expected "json" or a valid JSON Schema object""")]
    [InlineData("[1, 2]", """invalid format: "[1, 2]"; expected "json" or a valid JSON Schema object""")]
    [InlineData("true", """invalid format: "true"; expected "json" or a valid JSON Schema object""")]
    public void AnythingElse_IsOllamasInvalidFormatError(string format, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => FromFormat(format));

        Assert.Equal(message, error.Message);
    }
}
