namespace Corral.Cli.Tests.Infrastructure;

/// <summary>The real server with API keys on, and the CLI given the key through OLLAMA_API_KEY, as a user would.</summary>
public sealed class KeyedServerFixture : ServerFixture
{
    public const string Key = "cli-test-admin-key";

    protected override void Configure(Dictionary<string, string> environment)
    {
        environment["CORRAL_API_KEYS"] = Key;
        environment["OLLAMA_API_KEY"] = Key;
    }
}
