using Corral.Grammar;

namespace Corral.Grammar.Tests;

public sealed class JsonGrammarTests
{
    private readonly GbnfMatcher _matcher = new(JsonGrammar.Json);

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"a":1}""")]
    [InlineData("{ \"a\" : [1, -2.5e10, true, null, \"x\\u00e9\\/\"],\n\t\"b\": {\"c\": {}} }")]
    public void AcceptsJsonObjects(string json) => Assert.True(_matcher.Matches(json));

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("""{"a":01}""")]
    [InlineData("""{"a":1,}""")]
    [InlineData("""{'a':1}""")]
    [InlineData("{\"a\":\"line\nbreak\"}")]
    public void RejectsAnythingElse(string text) => Assert.False(_matcher.Matches(text));
}
