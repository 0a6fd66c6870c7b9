namespace Corral.Store.Tests;

public sealed class StorePathsTests
{
    [Fact]
    public void UsesOllamaModelsWhenSet()
    {
        var paths = StorePaths.FromEnvironment(name => name == "OLLAMA_MODELS" ? "/srv/models" : null);
        Assert.Equal("/srv/models", paths.Root);
        Assert.Equal("/srv/models/blobs", paths.Blobs);
        Assert.Equal("/srv/models/manifests", paths.Manifests);
    }

    [Fact]
    public void DefaultsToHomeOllamaModels()
    {
        var paths = StorePaths.FromEnvironment(_ => null);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(home, ".ollama", "models"), paths.Root);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    public void NoPruneFollowsOllamaBoolParsing(string? value, bool expected)
    {
        var store = Models.ModelStore.FromEnvironment(name => name switch
        {
            "OLLAMA_MODELS" => "/srv/models",
            "OLLAMA_NOPRUNE" => value,
            _ => null,
        });
        Assert.Equal(expected, store.NoPrune);
        Assert.Equal("/srv/models", store.Paths.Root);
    }
}
