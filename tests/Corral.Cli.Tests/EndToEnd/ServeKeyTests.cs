using Corral.Cli.Tests.Infrastructure;
using Corral.Store.Registry;

namespace Corral.Cli.Tests.EndToEnd;

/// <summary><c>corral serve</c> creates Ollama's registry identity in its HOME on first start, as <c>ollama serve</c>
/// does: an OpenSSH ed25519 key only the owner can read, and its public line.</summary>
[Collection(ServerCollection.Name)]
public sealed class ServeKeyTests(ServerFixture server)
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void ServeCreatedTheSigningKeyPairInHome()
    {
        var path = Path.Combine(server.Directory, ".ollama", "id_ed25519");

        var key = RegistrySigningKey.Parse(File.ReadAllText(path));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal($"ssh-ed25519 {key.PublicKeyBase64}\n", File.ReadAllText(path + ".pub"));
    }
}
