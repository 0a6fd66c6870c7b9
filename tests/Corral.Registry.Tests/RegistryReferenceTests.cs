using Corral.Store.Names;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

public sealed class RegistryReferenceTests
{
    [Theory]
    [InlineData(null, false, "https://registry.ollama.ai/")]
    [InlineData("https", true, "http://registry.ollama.ai/")]
    [InlineData("http", true, "http://registry.ollama.ai/")]
    public void BaseUriFollowsSchemeAndInsecure(string? scheme, bool insecure, string expected) =>
        Assert.Equal(new Uri(expected),
            new RegistryReference(scheme, RegistryReference.DefaultHost, "library", "llama3", "latest").BaseUri(insecure));

    [Theory]
    [InlineData("host", "ns", "model", "../../x")]
    [InlineData("host", "ns", "..", "latest")]
    [InlineData("host", "n.s", "model", "latest")]
    [InlineData("host/evil", "ns", "model", "latest")]
    [InlineData("host", "ns", "mo del", "latest")]
    [InlineData("", "ns", "model", "latest")]
    public void InvalidPartsAreAnInvalidModelName(string host, string ns, string model, string tag)
    {
        var error = Assert.Throws<RegistryException>(() => new RegistryReference(null, host, ns, model, tag).BaseUri(true));

        Assert.Equal("invalid model name", error.Message);
    }

    [Theory]
    [InlineData("llama3", null, "registry.ollama.ai", "library", "llama3", "latest")]
    [InlineData("me/model:v2", null, "registry.ollama.ai", "me", "model", "v2")]
    [InlineData("localhost:5000/ns/model", null, "localhost:5000", "ns", "model", "latest")]
    [InlineData("http://localhost:5000/ns/model:t", "http", "localhost:5000", "ns", "model", "t")]
    [InlineData("https://hf.co/user/repo:Q4_K_M", "https", "hf.co", "user", "repo", "Q4_K_M")]
    public void ReferenceComesFromTheModelNameAndTheSchemeAsWritten(string text, string? scheme, string host,
        string ns, string model, string tag) =>
        Assert.Equal(new RegistryReference(scheme, host, ns, model, tag), RegistryReference.From(text, ModelName.Parse(text)));
}
