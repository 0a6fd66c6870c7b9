using Corral.Templates.GoTemplate;

namespace Corral.Templates.Tests.GoTemplate;

public sealed class GoTemplateTests
{
    public static TheoryData<int> OutputCases => new(Enumerable.Range(0, GoTemplateCases.Outputs.Length));

    public static TheoryData<int> ErrorCases => new(Enumerable.Range(0, GoTemplateCases.Errors.Length));

    [Fact]
    public void TableCoversAtLeast150Cases() => Assert.True(GoTemplateCases.Outputs.Length >= 150);

    [Theory]
    [MemberData(nameof(OutputCases))]
    public void RendersLikeGo(int index)
    {
        var (template, expected) = GoTemplateCases.Outputs[index];

        var actual = Template.Parse(template, "t").Execute(GoTemplateData.Create());

        Assert.True(expected == actual, $"template {template}\nexpected: {expected}\nactual:   {actual}");
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void FailsLikeGo(int index)
    {
        var (template, expected) = GoTemplateCases.Errors[index];

        var error = Assert.Throws<TemplateException>(() => Template.Parse(template, "t").Execute(GoTemplateData.Create()));

        Assert.Equal(expected, error.Message);
    }
}
