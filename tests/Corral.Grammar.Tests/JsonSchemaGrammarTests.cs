using System.Text.Json;
using Corral.Grammar;

namespace Corral.Grammar.Tests;

/// <summary>JSON Schema to GBNF: the generated text (llama.cpp's shape) and, through GbnfMatcher, the language it
/// accepts.</summary>
public sealed class JsonSchemaGrammarTests
{
    private static string Grammar(string schema) => JsonSchemaGrammar.FromSchema(JsonDocument.Parse(schema).RootElement);

    private static GbnfMatcher Matcher(string schema) => new(Grammar(schema));

    [Fact]
    public void RequiredProperties_MatchLlamaCppOutput()
    {
        var grammar = Grammar("""
            {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}
            """);

        Assert.Equal(
            """
            age-kv ::= "\"age\"" space ":" space integer
            char ::= [^"\\\x7F\x00-\x1F] | [\\] (["\\bfnrt] | "u" [0-9a-fA-F]{4})
            integer ::= ("-"? integral-part) space
            integral-part ::= [0] | [1-9] [0-9]{0,15}
            name-kv ::= "\"name\"" space ":" space string
            root ::= "{" space name-kv "," space age-kv "}" space
            space ::= | " " | "\n"{1,2} [ \t]{0,20}
            string ::= "\"" char* "\"" space

            """, grammar);
    }

    [Fact]
    public void RequiredProperties_AcceptOnlyObjectsWithThemInOrder()
    {
        var matcher = Matcher("""
            {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]}
            """);

        Assert.True(matcher.Matches("""{"name":"Ann","age":42}"""));
        Assert.True(matcher.Matches("{ \"name\": \"A\\\"n\",\n  \"age\": -7 }"));
        Assert.False(matcher.Matches("""{"age":42,"name":"Ann"}"""));
        Assert.False(matcher.Matches("""{"name":"Ann"}"""));
        Assert.False(matcher.Matches("""{"name":"Ann","age":4.5}"""));
        Assert.False(matcher.Matches("""{"name":"Ann","age":42,"extra":1}"""));
        Assert.False(matcher.Matches("""{"name":"Ann","age":042}"""));
    }

    [Fact]
    public void OptionalProperties_MayBeSkippedButKeepTheirOrder()
    {
        var schema = """
            {"type":"object","properties":{"a":{"type":"boolean"},"b":{"type":"null"},"c":{"type":"number"}},"required":["b"]}
            """;
        var matcher = Matcher(schema);

        Assert.Contains("root ::= \"{\" space b-kv ( \",\" space ( a-kv a-rest | c-kv ) )? \"}\" space", Grammar(schema));
        Assert.True(matcher.Matches("""{"b":null}"""));
        Assert.True(matcher.Matches("""{"b":null,"a":true,"c":1.5e3}"""));
        Assert.True(matcher.Matches("""{"b":null,"c":0}"""));
        Assert.True(matcher.Matches("""{"b":null,"a":false}"""));
        Assert.False(matcher.Matches("""{"b":null,"c":0,"a":true}"""));
        Assert.False(matcher.Matches("""{"a":true}"""));
    }

    [Fact]
    public void AdditionalProperties_AreRejectedByDefault_AndAllowedWhenTheSchemaSaysSo()
    {
        var strict = Matcher("""{"type":"object","properties":{"a":{"type":"integer"}}}""");
        var open = Matcher("""{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"string"}}""");

        Assert.True(strict.Matches("{}"));
        Assert.False(strict.Matches("""{"a":1,"b":2}"""));
        Assert.True(open.Matches("""{"a":1,"b":"x","c":"y"}"""));
        Assert.True(open.Matches("""{"b":"x"}"""));
        Assert.False(open.Matches("""{"a":1,"b":2}"""));
    }

    [Fact]
    public void EnumAndConst_AreExactJsonLiterals()
    {
        var matcher = Matcher("""
            {"type":"object","properties":{"color":{"enum":["red","green",3,null]},"v":{"const":{"x":[1,"a\"b"]}}},"required":["color","v"]}
            """);

        Assert.True(matcher.Matches("""{"color":"green","v":{"x":[1,"a\"b"]}}"""));
        Assert.True(matcher.Matches("""{"color":3,"v":{"x":[1,"a\"b"]}}"""));
        Assert.True(matcher.Matches("""{"color":null,"v":{"x":[1,"a\"b"]}}"""));
        Assert.False(matcher.Matches("""{"color":"blue","v":{"x":[1,"a\"b"]}}"""));
        Assert.False(matcher.Matches("""{"color":"red","v":{"x":[2,"a\"b"]}}"""));
    }

    [Fact]
    public void Arrays_RespectMinAndMaxItems()
    {
        var schema = """{"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":3}""";
        var matcher = Matcher(schema);

        Assert.Contains("root ::= \"[\" space integer (\",\" space integer){0,2} \"]\" space", Grammar(schema));
        Assert.False(matcher.Matches("[]"));
        Assert.True(matcher.Matches("[1]"));
        Assert.True(matcher.Matches("[1, 2, 3]"));
        Assert.False(matcher.Matches("[1,2,3,4]"));
        Assert.False(matcher.Matches("[1,]"));
        Assert.True(Matcher("""{"type":"array","items":{"type":"string"}}""").Matches("""[ ]"""));
    }

    [Fact]
    public void Strings_RespectMinAndMaxLength()
    {
        var matcher = Matcher("""{"type":"string","minLength":2,"maxLength":3}""");

        Assert.False(matcher.Matches("\"a\""));
        Assert.True(matcher.Matches("\"ab\""));
        Assert.True(matcher.Matches("\"a\\nc\""));
        Assert.False(matcher.Matches("\"abcd\""));
    }

    [Fact]
    public void AnyOfOneOfAndTypeLists_AreAlternatives()
    {
        var matcher = Matcher("""
            {"type":"object","properties":{"id":{"anyOf":[{"type":"integer"},{"type":"string"}]},"n":{"type":["number","null"]},"k":{"oneOf":[{"const":"x"},{"type":"boolean"}]}},"required":["id","n","k"]}
            """);

        Assert.True(matcher.Matches("""{"id":1,"n":null,"k":"x"}"""));
        Assert.True(matcher.Matches("""{"id":"1","n":2.5,"k":true}"""));
        Assert.False(matcher.Matches("""{"id":true,"n":2.5,"k":true}"""));
        Assert.False(matcher.Matches("""{"id":1,"n":2.5,"k":"y"}"""));
    }

    [Fact]
    public void LocalRefs_ResolveIncludingRecursion()
    {
        var schema = """
            {"$defs":{"node":{"type":"object","properties":{"v":{"type":"integer"},"next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},"required":["v","next"]}},
             "$ref":"#/$defs/node"}
            """;
        var matcher = Matcher(schema);

        Assert.True(matcher.Matches("""{"v":1,"next":{"v":2,"next":null}}"""));
        Assert.False(matcher.Matches("""{"v":1,"next":{"v":2}}"""));
    }

    [Fact]
    public void PrimitiveRoot_AndPropertyNamedLikeAPrimitive()
    {
        Assert.True(Matcher("""{"type":"boolean"}""").Matches("true"));
        var matcher = Matcher("""{"type":"object","properties":{"string":{"type":"object","properties":{"x":{"type":"string"}},"required":["x"]}},"required":["string"]}""");

        Assert.True(matcher.Matches("""{"string":{"x":"y"}}"""));
    }

    [Fact]
    public void EmptySchema_IsAnyObject()
    {
        var matcher = Matcher("{}");

        Assert.True(matcher.Matches("""{"a":[1,{"b":null}],"c":"d"}"""));
        Assert.False(matcher.Matches("[1]"));
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"^a+$"}""", "unsupported JSON Schema keyword \"pattern\" at #")]
    [InlineData("""{"type":"object","properties":{"n":{"type":"integer","minimum":0}}}""", "unsupported JSON Schema keyword \"minimum\" at #/properties/n")]
    [InlineData("""{"type":"string","format":"date"}""", "unsupported JSON Schema keyword \"format\" at #")]
    [InlineData("""{"allOf":[{"type":"string"}]}""", "unsupported JSON Schema keyword \"allOf\" at #")]
    [InlineData("""{"type":"complex"}""", "unsupported JSON Schema type \"complex\" at #")]
    [InlineData("""{"$ref":"https://example.com/s.json"}""", "only local $ref (\"#/...\") are supported, got \"https://example.com/s.json\" at #")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "$ref \"#/$defs/missing\" at # does not resolve")]
    [InlineData("""{"type":"array","items":{"type":"string"},"maxItems":-1}""", "\"maxItems\" must be a non-negative integer")]
    [InlineData("""{"enum":"red"}""", "\"enum\" at # must be an array")]
    [InlineData("""{"type":[]}""", "\"type\" at # must be a type name or a non-empty array of them")]
    [InlineData("""{"type":["string",1]}""", "\"type\" at # must be a type name or a non-empty array of them")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"required":"a"}""", "\"required\" at # must be an array")]
    public void UnsupportedSchemas_FailWithAClearMessage(string schema, string message)
    {
        var error = Assert.Throws<UnsupportedSchemaException>(() => Grammar(schema));

        Assert.Equal(message, error.Message);
    }
}
