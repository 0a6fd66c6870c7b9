using Corral.Server.Hosting;

namespace Corral.Server.Tests.Hosting;

/// <summary>OLLAMA_* variables parsed like Ollama's envconfig (reference section 9).</summary>
public sealed class ServerConfigTests
{
    private static ServerConfig From(params (string Key, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Key, v => v.Value);
        return ServerConfig.FromEnvironment(key => map.GetValueOrDefault(key));
    }

    // Every default is Ollama's except OLLAMA_NUM_PARALLEL: Corral serves 4 slots per model (see ServerConfig).
    [Fact]
    public void DefaultsMatchOllama()
    {
        var config = From();
        Assert.Equal("http://127.0.0.1:11434", config.Host.ToString());
        Assert.True(config.Host.IsLoopback);
        Assert.EndsWith(Path.Combine(".ollama", "models"), config.ModelsPath);
        Assert.Equal(300_000_000_000, config.KeepAlive.Nanoseconds);
        Assert.Equal(4, config.NumParallel);
        Assert.Equal(3, config.EffectiveMaxLoadedModels);
        Assert.Equal(512, config.MaxQueue);
        Assert.Equal(4096, config.EffectiveContextLength);
        Assert.Empty(config.Origins);
        Assert.False(config.NoPrune);
        Assert.Equal(0, config.DebugLevel);
    }

    [Fact]
    public void ReadsEveryVariableWithQuotesTrimmed()
    {
        var config = From(("OLLAMA_HOST", "\"0.0.0.0:1234\""), ("OLLAMA_MODELS", " '/tmp/m' "), ("OLLAMA_ORIGINS", "https://a.example,chrome-extension://*"),
            ("OLLAMA_KEEP_ALIVE", "1h"), ("OLLAMA_CONTEXT_LENGTH", "8192"), ("OLLAMA_NUM_PARALLEL", "2"), ("OLLAMA_MAX_LOADED_MODELS", "2"),
            ("OLLAMA_MAX_QUEUE", "16"), ("OLLAMA_DEBUG", "2"), ("OLLAMA_NOPRUNE", "1"));
        Assert.Equal("http://0.0.0.0:1234", config.Host.ToString());
        Assert.False(config.Host.IsLoopback);
        Assert.Equal("/tmp/m", config.ModelsPath);
        Assert.Equal(["https://a.example", "chrome-extension://*"], config.Origins);
        Assert.Equal(3_600_000_000_000, config.KeepAlive.Nanoseconds);
        Assert.Equal(8192, config.EffectiveContextLength);
        Assert.Equal(2, config.NumParallel);
        Assert.Equal(2, config.EffectiveMaxLoadedModels);
        Assert.Equal(16, config.MaxQueue);
        Assert.Equal(2, config.DebugLevel);
        Assert.True(config.NoPrune);
    }

    [Theory]
    [InlineData("300", 300_000_000_000L)]
    [InlineData("-1", long.MaxValue)]
    [InlineData("-5m", long.MaxValue)]
    [InlineData("bogus", 300_000_000_000L)]
    [InlineData("0", 0L)]
    public void KeepAliveAcceptsDurationsSecondsAndFallsBack(string value, long expected) =>
        Assert.Equal(expected, From(("OLLAMA_KEEP_ALIVE", value)).KeepAlive.Nanoseconds);

    [Theory]
    [InlineData("true", 1)]
    [InlineData("1", 1)]
    [InlineData("false", 0)]
    [InlineData("yes", 1)]
    public void DebugFollowsGoBoolRules(string value, int level) => Assert.Equal(level, From(("OLLAMA_DEBUG", value)).DebugLevel);

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("120", 120)]
    [InlineData("bogus", 300)]
    public void LoadTimeoutAcceptsDurationsAndSeconds(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), From(("OLLAMA_LOAD_TIMEOUT", value)).LoadTimeout);

    [Fact]
    public void ZeroLoadTimeoutWaitsForever() => Assert.Equal(Timeout.InfiniteTimeSpan, From(("OLLAMA_LOAD_TIMEOUT", "0")).LoadTimeout);

    [Fact]
    public void InvalidNumbersKeepDefaults()
    {
        var config = From(("OLLAMA_NUM_PARALLEL", "x"), ("OLLAMA_MAX_QUEUE", "-3"));
        Assert.Equal(4, config.NumParallel);
        Assert.Equal(512, config.MaxQueue);
    }

    // Corral's own security settings: off or generous by default, every limit overridable.
    [Fact]
    public void SecurityDefaultsAreOpenLikeOllamaWithGenerousLimits()
    {
        var config = From();
        Assert.True(config.ApiKeys.IsEmpty);
        Assert.Null(config.Tls);
        Assert.False(config.AllowPrivateRegistries);
        Assert.Equal(new RequestLimits(), config.Limits);
        Assert.Equal(100L * 1024 * 1024, config.Limits.MaxRequestBytes);
    }

    [Fact]
    public void ReadsTheCorralSecurityVariables()
    {
        var config = From(("CORRAL_API_KEYS", "'k1 read;k2'"), ("CORRAL_TLS_CERT", "/etc/c.pem"), ("CORRAL_TLS_KEY", "/etc/k.pem"),
            ("CORRAL_MAX_REQUEST_BYTES", "1000"), ("CORRAL_MAX_IMAGES", "3"), ("CORRAL_MAX_IMAGE_BYTES", "5000"),
            ("CORRAL_MAX_PROMPT_CHARS", "77"), ("CORRAL_MAX_STREAMS", "9"), ("CORRAL_REGISTRY_ALLOW_PRIVATE", "1"));
        Assert.Equal(2, config.ApiKeys.Count);
        Assert.Equal(new TlsFiles("/etc/c.pem", "/etc/k.pem"), config.Tls);
        Assert.Equal(new RequestLimits { MaxRequestBytes = 1000, MaxImages = 3, MaxImageBytes = 5000, MaxPromptChars = 77, MaxConcurrentStreams = 9 },
            config.Limits);
        Assert.True(config.AllowPrivateRegistries);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("lots")]
    public void UnusableLimitsKeepTheDefault(string value) =>
        Assert.Equal(256, From(("CORRAL_MAX_STREAMS", value)).Limits.MaxConcurrentStreams);

    [Theory]
    [InlineData("CORRAL_TLS_CERT")]
    [InlineData("CORRAL_TLS_KEY")]
    public void OneTlsFileWithoutTheOtherStopsTheServer(string variable) =>
        Assert.Equal("CORRAL_TLS_CERT and CORRAL_TLS_KEY must be set together",
            Assert.Throws<Corral.Server.Security.ServerConfigException>(() => From((variable, "/etc/x.pem"))).Message);
}
