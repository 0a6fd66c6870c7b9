using Corral.Store.Modelfiles;

namespace Corral.Store.Tests;

public sealed class ModelfileParserTests
{
    [Fact]
    public void ParsesEveryInstruction()
    {
        const string text = """
            # a comment
            FROM llama3:8b
            ADAPTER ./lora.gguf
            DRAFT ./draft.gguf
            TEMPLATE {{ .Prompt }}
            SYSTEM You are a pirate.
            PARAMETER temperature 0.7
            PARAMETER stop <|eot_id|>
            LICENSE MIT
            MESSAGE user Hello there
            MESSAGE assistant Ahoy
            REQUIRES 0.14.0
            RENDERER gemma4
            PARSER gemma4
            """;

        var commands = ModelfileParser.Parse(text);

        Assert.Equal(
            [
                ("from", null, "llama3:8b"), ("adapter", null, "./lora.gguf"), ("draft", null, "./draft.gguf"),
                ("template", null, "{{ .Prompt }}"), ("system", null, "You are a pirate."),
                ("parameter", "temperature", "0.7"), ("parameter", "stop", "<|eot_id|>"), ("license", null, "MIT"),
                ("message", "user", "Hello there"), ("message", "assistant", "Ahoy"), ("requires", null, "0.14.0"),
                ("renderer", null, "gemma4"), ("parser", null, "gemma4"),
            ],
            commands.Select(c => (c.Instruction, c.Key, c.Value)).ToArray());
        Assert.Equal(2, commands[0].Line);
        Assert.Equal(1, commands[0].Column);
    }

    [Fact]
    public void InstructionsAreCaseInsensitive()
    {
        var commands = ModelfileParser.Parse("from a\nSyStEm hi\nparameter TOP_K 4");
        Assert.Equal(["from", "system", "parameter"], commands.Select(c => c.Instruction));
        Assert.Equal("TOP_K", commands[2].Key);
    }

    [Fact]
    public void TripleQuotedValuesSpanLinesAndKeepQuotes()
    {
        var commands = ModelfileParser.Parse("FROM a\nTEMPLATE \"\"\"line one\nsays \"hi\"\n  indented\n\"\"\"\nSYSTEM x");
        Assert.Equal("line one\nsays \"hi\"\n  indented\n", commands[1].Value);
        Assert.Equal("x", commands[2].Value);
        Assert.Equal(6, commands[2].Line);
    }

    [Fact]
    public void QuotedValuesMaySpanLines()
    {
        var commands = ModelfileParser.Parse("FROM a\nSYSTEM \"  padded\nsecond\"\nPARAMETER stop \"</s>\"");
        Assert.Equal("  padded\nsecond", commands[1].Value);
        Assert.Equal("</s>", commands[2].Value);
    }

    [Fact]
    public void CommentsAndBlankLinesAreSkippedButHashInValueIsLiteral()
    {
        var commands = ModelfileParser.Parse("\uFEFF\n   # indented comment\r\nFROM a # not a comment\r\n\r\nSYSTEM \"#1\"\n");
        Assert.Equal("a # not a comment", commands[0].Value);
        Assert.Equal("#1", commands[1].Value);
    }

    [Fact]
    public void UnknownInstructionReportsLine()
    {
        var e = Assert.Throws<ModelfileParseException>(() => ModelfileParser.Parse("FROM a\n\n  BOGUS x"));
        Assert.Equal(
            "(line 3): command must be one of \"from\", \"license\", \"template\", \"system\", \"adapter\", \"draft\", " +
            "\"renderer\", \"parser\", \"parameter\", \"message\", or \"requires\"", e.Message);
        Assert.Equal((3, 3), (e.Line, e.Column));
    }

    [Fact]
    public void UnterminatedQuoteIsUnexpectedEofAtTheQuote()
    {
        var e = Assert.Throws<ModelfileParseException>(() => ModelfileParser.Parse("FROM a\nSYSTEM \"\"\"never closed\n"));
        Assert.Equal("unexpected EOF", e.Message);
        Assert.Equal((2, 8), (e.Line, e.Column));

        e = Assert.Throws<ModelfileParseException>(() => ModelfileParser.Parse("FROM a\nSYSTEM \"open"));
        Assert.Equal("unexpected EOF", e.Message);
    }

    [Fact]
    public void TextAfterClosingQuoteIsAnError()
    {
        var e = Assert.Throws<ModelfileParseException>(() => ModelfileParser.Parse("FROM a\nSYSTEM \"x\" y"));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void MessageRoleMustBeKnown()
    {
        var e = Assert.Throws<ModelfileParseException>(() => ModelfileParser.Parse("FROM a\nMESSAGE robot hi"));
        Assert.Equal("message role must be one of \"system\", \"user\", or \"assistant\"", e.Message);
        Assert.Equal((2, 9), (e.Line, e.Column));
    }

    [Theory]
    [InlineData("REQUIRES 0.14.0", true)]
    [InlineData("REQUIRES v1.2.3-rc1", true)]
    [InlineData("REQUIRES latest", false)]
    public void RequiresMustBeSemver(string line, bool ok)
    {
        var parse = () => ModelfileParser.Parse("FROM a\n" + line);
        if (ok)
        {
            Assert.Equal(2, parse().Count);
        }
        else
        {
            Assert.Equal("requires must be a valid semver (e.g. 0.14.0)", Assert.Throws<ModelfileParseException>(parse).Message);
        }
    }

    [Theory]
    [InlineData("SYSTEM hi", "no FROM line")]
    [InlineData("FROM", "(line 1): missing value for FROM")]
    [InlineData("FROM a\nPARAMETER temperature", "(line 2): missing value for PARAMETER")]
    [InlineData("FROM a\nPARAMETER te-mp 1", "(line 2): invalid parameter name \"te-mp\"")]
    public void BadInputHasClearErrors(string text, string message)
    {
        Assert.Equal(message, Assert.Throws<ModelfileParseException>(() => ModelfileParser.Parse(text)).Message);
    }
}
