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
}
