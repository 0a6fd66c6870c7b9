using Microsoft.AspNetCore.Http;
using System.Diagnostics;
using System.Text;
using Corral.Store.Registry;

namespace Corral.Registry.Tests;

/// <summary>Ollama's ed25519 identity: RFC 8032 vectors, OpenSSH key files, and signed token requests.</summary>
public sealed class SigningKeyTests
{
    [Theory]
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "72",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    public void SignaturesMatchRfc8032(string seed, string message, string publicKey, string signature)
    {
        var key = RegistrySigningKey.FromSeed(Convert.FromHexString(seed));

        Assert.Equal(publicKey, Convert.ToHexStringLower(key.PublicKey));
        var authorization = key.Authorization(Convert.FromHexString(message));
        Assert.Equal($"{key.PublicKeyBase64}:{Convert.ToBase64String(Convert.FromHexString(signature))}", authorization);
    }

    [Fact]
    public void CreatedKeyIsPrivateReloadsAndIsReadableBySshKeygen()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, ".ollama", "id_ed25519");

        var created = RegistrySigningKey.LoadOrCreate(path);
        var reloaded = RegistrySigningKey.LoadOrCreate(path);

        Assert.Equal(created.PublicKey, reloaded.PublicKey);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal($"ssh-ed25519 {created.PublicKeyBase64}", File.ReadAllText(path + ".pub").Trim());
        Assert.StartsWith($"ssh-ed25519 {created.PublicKeyBase64}", SshKeygen("-y", "-f", path));
    }

    [Fact]
    public void KeyMadeBySshKeygenLoads()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "id_ed25519");
        SshKeygen("-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", path);

        var key = RegistrySigningKey.LoadOrCreate(path);

        Assert.StartsWith($"ssh-ed25519 {key.PublicKeyBase64} ", File.ReadAllText(path + ".pub"));
    }

    [Fact]
    public void EncryptedKeyIsRefusedClearly()
    {
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, "id_ed25519");
        SshKeygen("-q", "-t", "ed25519", "-N", "passphrase", "-f", path);

        var error = Assert.Throws<InvalidDataException>(() => RegistrySigningKey.LoadOrCreate(path));

        Assert.Equal("encrypted OpenSSH keys are not supported", error.Message);
    }

    [Fact]
    public async Task SameHostTokenRequestIsSignedLikeOllama()
    {
        await using var registry = await FakeRegistry.StartAsync();
        ManifestJson.Publish(registry);
        registry.Intercept = async context =>
        {
            if (context.Request.Path == "/token")
            {
                await context.Response.WriteAsync("""{"token":"signed"}""");
                return true;
            }
            if (context.Request.Headers.Authorization == "Bearer signed")
                return false;
            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{registry.BaseUri}token\",service=\"ollama.com\",scope=\"repository:corral/fake:pull\"";
            return true;
        };
        var key = RegistrySigningKey.FromSeed(new byte[32]);
        using var temp = new TempDirectory();

        using var client = new RegistryClient(BlobStoreTestExtensions.At(temp.Sub("store")),
            new RegistryOptions { Insecure = true, SigningKey = key });
        await client.PullAsync(registry.Reference(), null, CancellationToken.None);

        var token = Assert.Single(registry.Requests, r => r.Path.StartsWith("/token"));
        Assert.Matches("^/token\\?service=ollama.com&scope=repository%3Acorral%2Ffake%3Apull&ts=[0-9]+&nonce=[A-Za-z0-9_-]{22}$",
            token.Path);
        var emptyBodyHash = Convert.ToBase64String(Encoding.ASCII.GetBytes(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        var signed = $"GET,{new Uri(registry.BaseUri, token.Path).AbsoluteUri},{emptyBodyHash}";
        Assert.Equal(key.Authorization(Encoding.UTF8.GetBytes(signed)), token.Authorization);
    }

    private static string SshKeygen(params string[] arguments)
    {
        const string binary = "/usr/bin/ssh-keygen";
        if (!File.Exists(binary))
            throw new InvalidOperationException($"{binary} is missing: install it with `apt-get install -y openssh-client`.");
        using var process = Process.Start(new ProcessStartInfo(binary, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
