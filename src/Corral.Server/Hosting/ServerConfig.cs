using System.Globalization;
using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Server.Security;

namespace Corral.Server.Hosting;

/// <summary>
/// Server settings from Ollama's environment variables (reference section 9), normalized like
/// <c>envconfig</c>: values trimmed of spaces and quotes, invalid numbers fall back to the default.
/// </summary>
public sealed record ServerConfig
{
    public OllamaHost Host { get; init; } = OllamaHost.Default;

    /// <summary><c>OLLAMA_MODELS</c>, default <c>~/.ollama/models</c>.</summary>
    public string ModelsPath { get; init; } = DefaultModelsPath();

    /// <summary>Extra CORS origins from <c>OLLAMA_ORIGINS</c> (the local defaults are always added).</summary>
    public IReadOnlyList<string> Origins { get; init; } = [];

    /// <summary><c>OLLAMA_KEEP_ALIVE</c>, default 5m; negative = forever.</summary>
    public Duration KeepAlive { get; init; } = new(5L * 60 * 1_000_000_000);

    /// <summary><c>OLLAMA_CONTEXT_LENGTH</c>; 0 = automatic (4096 on CPU).</summary>
    public int ContextLength { get; init; }

    /// <summary>
    /// <c>OLLAMA_NUM_PARALLEL</c>: slots per loaded model. Corral defaults to 4 where Ollama defaults to 1: on a
    /// CPU one batched decode serves 4 sequences for little more than the cost of one, and the KV cache of 4
    /// small contexts is small next to the weights, so concurrent clients stop queueing behind each other.
    /// </summary>
    public int NumParallel { get; init; } = 4;

    /// <summary><c>OLLAMA_MAX_LOADED_MODELS</c>; 0 = automatic (3 on CPU).</summary>
    public int MaxLoadedModels { get; init; }

    /// <summary><c>OLLAMA_MAX_QUEUE</c>: requests waiting beyond this get 503.</summary>
    public int MaxQueue { get; init; } = 512;

    /// <summary><c>OLLAMA_LOAD_TIMEOUT</c>: how long a model load may go without progress (default 5m; zero or
    /// negative waits forever).</summary>
    public TimeSpan LoadTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary><c>OLLAMA_DEBUG</c>: 0 = info, 1 = debug, 2 = trace.</summary>
    public int DebugLevel { get; init; }

    /// <summary><c>OLLAMA_NOPRUNE</c>: keep unused blobs.</summary>
    public bool NoPrune { get; init; }

    /// <summary><c>CORRAL_API_KEYS</c> / <c>CORRAL_API_KEYS_FILE</c>: empty (the default) means no authentication, as in Ollama.</summary>
    public ApiKeySet ApiKeys { get; init; } = ApiKeySet.Empty;

    /// <summary><c>CORRAL_TLS_CERT</c> / <c>CORRAL_TLS_KEY</c>: serve https with this certificate; null serves plain http.</summary>
    public TlsFiles? Tls { get; init; }

    public RequestLimits Limits { get; init; } = new();

    /// <summary><c>CORRAL_REGISTRY_ALLOW_PRIVATE</c>: let pull/push reach registries on private or link-local addresses.</summary>
    public bool AllowPrivateRegistries { get; init; }

    /// <summary>Effective number of models kept loaded (Ollama's CPU default is 3).</summary>
    public int EffectiveMaxLoadedModels => MaxLoadedModels > 0 ? MaxLoadedModels : 3;

    /// <summary>Effective default <c>num_ctx</c>.</summary>
    public int EffectiveContextLength => ContextLength > 0 ? ContextLength : 4096;

    /// <summary>Reads the configuration from <paramref name="getVariable"/> (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</summary>
    public static ServerConfig FromEnvironment(Func<string, string?> getVariable)
    {
        string Var(string key) => EnvValue.Normalize(getVariable(key));
        var defaults = new ServerConfig();
        var models = Var("OLLAMA_MODELS");
        var origins = Var("OLLAMA_ORIGINS");
        return new ServerConfig
        {
            Host = OllamaHost.Parse(getVariable("OLLAMA_HOST")),
            ModelsPath = models.Length > 0 ? models : defaults.ModelsPath,
            Origins = origins.Length > 0 ? origins.Split(',') : [],
            KeepAlive = ParseKeepAlive(Var("OLLAMA_KEEP_ALIVE"), defaults.KeepAlive),
            ContextLength = ParseUInt(Var("OLLAMA_CONTEXT_LENGTH"), defaults.ContextLength),
            NumParallel = Math.Max(1, ParseUInt(Var("OLLAMA_NUM_PARALLEL"), defaults.NumParallel)),
            MaxLoadedModels = ParseUInt(Var("OLLAMA_MAX_LOADED_MODELS"), defaults.MaxLoadedModels),
            MaxQueue = ParseUInt(Var("OLLAMA_MAX_QUEUE"), defaults.MaxQueue),
            LoadTimeout = ParseLoadTimeout(Var("OLLAMA_LOAD_TIMEOUT"), defaults.LoadTimeout),
            DebugLevel = ParseDebug(Var("OLLAMA_DEBUG")),
            NoPrune = ParseBool(Var("OLLAMA_NOPRUNE")),
            ApiKeys = ApiKeySet.Load(Var("CORRAL_API_KEYS"), Var("CORRAL_API_KEYS_FILE")),
            Tls = TlsFiles.FromVariables(Var("CORRAL_TLS_CERT"), Var("CORRAL_TLS_KEY")),
            Limits = new RequestLimits
            {
                MaxRequestBytes = ParseLimit(Var("CORRAL_MAX_REQUEST_BYTES"), defaults.Limits.MaxRequestBytes),
                MaxImages = ParseCount(Var("CORRAL_MAX_IMAGES"), defaults.Limits.MaxImages),
                MaxImageBytes = ParseLimit(Var("CORRAL_MAX_IMAGE_BYTES"), defaults.Limits.MaxImageBytes),
                MaxPromptChars = ParseCount(Var("CORRAL_MAX_PROMPT_CHARS"), defaults.Limits.MaxPromptChars),
                MaxConcurrentStreams = ParseCount(Var("CORRAL_MAX_STREAMS"), defaults.Limits.MaxConcurrentStreams),
            },
            AllowPrivateRegistries = ParseBool(Var("CORRAL_REGISTRY_ALLOW_PRIVATE")),
        };
    }

    private static string DefaultModelsPath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ollama", "models");

    // envconfig.KeepAlive: a Go duration, else integer seconds; negative = forever; invalid keeps the default.
    private static Duration ParseKeepAlive(string value, Duration fallback) =>
        value.Length > 0 && Duration.TryParse(value, out var duration, out _) ? duration : fallback;

    // envconfig.LoadTimeout: a Go duration or integer seconds; zero or negative means no timeout.
    private static TimeSpan ParseLoadTimeout(string value, TimeSpan fallback)
    {
        if (value.Length == 0 || !Duration.TryParse(value, out var duration, out _))
        {
            return fallback;
        }
        return duration.Nanoseconds <= 0 ? Timeout.InfiniteTimeSpan : duration.ToTimeSpan();
    }

    // envconfig.Uint: invalid or negative values keep the default.
    private static int ParseUInt(string value, int fallback) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : fallback;

    // A limit of 0 would refuse everything, so like an invalid number it keeps the default.
    private static long ParseLimit(string value, long fallback) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 ? parsed : fallback;

    private static int ParseCount(string value, int fallback) => (int)Math.Min(int.MaxValue, ParseLimit(value, fallback));

    // envconfig.Bool: strconv.ParseBool, and any other non-empty value counts as true.
    private static bool ParseBool(string value) => value.Length > 0 && value is not ("0" or "f" or "F" or "false" or "FALSE" or "False");

    // envconfig.LogLevel: "1"/true = debug, a number n = that level, false/empty = info.
    private static int ParseDebug(string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var level))
        {
            return level;
        }
        return ParseBool(value) ? 1 : 0;
    }
}
