using System.Text.Json;

namespace Corral.Templates.Tests;

public sealed class ThinkOptionTests
{
    [Theory]
    [InlineData("true", true, "medium", true)]
    [InlineData("false", false, "", true)]
    [InlineData("\"high\"", true, "high", true)]
    [InlineData("\"low\"", true, "low", true)]
    [InlineData("\"max\"", true, "max", true)]
    [InlineData("null", false, "", false)]
    public void ParsesAllowedValues(string json, bool enabled, string level, bool isSet)
    {
        Assert.True(ThinkOption.TryParse(JsonDocument.Parse(json).RootElement, out var option, out _));

        Assert.Equal(new ThinkOption(enabled, level, isSet), option);
    }

    [Fact]
    public void RejectsUnknownLevelWithOllamasMessage()
    {
        Assert.False(ThinkOption.TryParse(JsonDocument.Parse("\"extreme\"").RootElement, out _, out var error));

        Assert.Equal("invalid think value: \"extreme\" (must be \"high\", \"medium\", \"low\", \"max\", true, or false)", error);
    }

    [Fact]
    public void RejectsOtherTypesWithOllamasMessage()
    {
        Assert.False(ThinkOption.TryParse(JsonDocument.Parse("1").RootElement, out _, out var error));

        Assert.Equal("think must be a boolean or string (\"high\", \"medium\", \"low\", \"max\", true, or false)", error);
    }

    [Fact]
    public void UnsetThinkDefaultsOnOnlyForThinkingModels()
    {
        Assert.Equal(new ThinkOption(true, "medium", true), ThinkOption.Unset.WithDefault(modelCanThink: true));
        Assert.Equal(ThinkOption.Unset, ThinkOption.Unset.WithDefault(modelCanThink: false));
        Assert.Equal(new ThinkOption(false, "", true), new ThinkOption(false, "", true).WithDefault(modelCanThink: true));
    }

    [Fact]
    public void AppliesToTemplateValues()
    {
        var input = new ThinkOption(true, "high", true).ApplyTo(new PromptInput());

        Assert.Equal((true, "high", true), (input.Think, input.ThinkLevel, input.IsThinkSet));
    }
}
