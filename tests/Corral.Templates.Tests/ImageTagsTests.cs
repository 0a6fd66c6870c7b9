namespace Corral.Templates.Tests;

public sealed class ImageTagsTests
{
    [Fact]
    public void TagsAreRenumberedInOrderOfFirstAppearance()
    {
        var (prompt, sources) = ImageTags.Select("[img-2] then [img-0] and [img-2] again", 3);

        Assert.Equal("[img-0] then [img-1] and [img-0] again", prompt);
        Assert.Equal([2, 0], sources);
    }

    [Fact]
    public void TagsNamingNoAvailableImageAreLeftAlone()
    {
        var (prompt, sources) = ImageTags.Select("[img-1] [img-9] [img-99999999999999999999] [img-x] [img-0]", 2);

        Assert.Equal("[img-0] [img-9] [img-99999999999999999999] [img-x] [img-1]", prompt);
        Assert.Equal([1, 0], sources);
    }

    [Fact]
    public void WithoutImagesTheTextIsUntouched()
    {
        var (prompt, sources) = ImageTags.Select("literal [img-0] text", 0);

        Assert.Equal("literal [img-0] text", prompt);
        Assert.Empty(sources);
    }
}
