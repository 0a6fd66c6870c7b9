using Corral.Store.Gguf;

namespace Corral.Fixtures.Tests;

/// <summary>The Llama-3 BPE vocabulary of the shared rand-tiny-f16.gguf fixture, read once.</summary>
internal static class VocabularySource
{
    public static string Path => System.IO.Path.Combine(RepositoryPaths.Models, "rand-tiny-f16.gguf");

    public static GgufFile Llama3 { get; } = GgufReader.Read(Path);
}
