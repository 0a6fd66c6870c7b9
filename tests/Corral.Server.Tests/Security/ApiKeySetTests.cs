using Corral.Server.Security;

namespace Corral.Server.Tests.Security;

/// <summary>CORRAL_API_KEYS / CORRAL_API_KEYS_FILE: the entry format, scopes, and refusals that never echo a key.</summary>
public sealed class ApiKeySetTests
{
    [Fact]
    public void InlineEntriesGiveTheirScopesAndNoScopeMeansAll()
    {
        var keys = ApiKeySet.Load("reader-key read; worker-key read,infer ;admin-key", "");

        Assert.Equal(3, keys.Count);
        Assert.Equal(ApiScope.Read, keys.Authorize("reader-key"));
        Assert.Equal(ApiScope.Read | ApiScope.Infer, keys.Authorize("worker-key"));
        Assert.Equal(ApiScope.All, keys.Authorize("admin-key"));
        Assert.Null(keys.Authorize("reader"));
        Assert.Null(keys.Authorize("reader-key "));
        Assert.Null(keys.Authorize(""));
        Assert.Null(keys.Authorize(null));
    }

    [Fact]
    public void FileEntriesAddToInlineOnesWithCommentsAndBlankLines()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "# deploy keys\n\nci-key manage   # pushes nightly builds\r\nchat-key\tINFER\n");
            var keys = ApiKeySet.Load("inline-key read", file);

            Assert.Equal(3, keys.Count);
            Assert.Equal(ApiScope.Manage, keys.Authorize("ci-key"));
            Assert.Equal(ApiScope.Infer, keys.Authorize("chat-key"));
            Assert.Equal(ApiScope.Read, keys.Authorize("inline-key"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void NothingConfiguredMeansAuthenticationIsOff() => Assert.True(ApiKeySet.Load("", "").IsEmpty);

    [Theory]
    [InlineData("secret-key admin", "CORRAL_API_KEYS: entry 1: unknown scope \"admin\" (read, infer, manage)")]
    [InlineData("a read;secret-key read infer", "CORRAL_API_KEYS: entry 2: expected \"key [scope,scope]\"")]
    public void BadEntriesStopTheServerWithoutNamingTheKey(string inline, string message)
    {
        var error = Assert.Throws<ServerConfigException>(() => ApiKeySet.Load(inline, ""));

        Assert.Equal(message, error.Message);
        Assert.DoesNotContain("secret-key", error.Message);
    }

    [Fact]
    public void UnreadableKeyFileStopsTheServer()
    {
        var error = Assert.Throws<ServerConfigException>(() => ApiKeySet.Load("", "/nonexistent/corral-keys"));
        Assert.StartsWith("CORRAL_API_KEYS_FILE: cannot read /nonexistent/corral-keys", error.Message);
    }
}
