using Corral.Store.Models;

namespace Corral.Store.Tests;

/// <summary>A model store in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Root = Path.Combine(Path.GetTempPath(), "corral-store-" + Guid.NewGuid().ToString("N"));
        Paths = new StorePaths(Root);
        Store = new ModelStore(Paths);
    }

    public string Root { get; }

    public StorePaths Paths { get; }

    public ModelStore Store { get; }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
