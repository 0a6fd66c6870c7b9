using System.Net;

namespace Corral.Store.Registry;

/// <summary>Knobs for <see cref="RegistryClient"/>; defaults follow Ollama's download.go/upload.go.</summary>
public sealed record RegistryOptions
{
    /// <summary>Plain http (Ollama's <c>insecure</c>).</summary>
    public bool Insecure { get; init; }

    /// <summary>
    /// Allow registry or redirect hosts on private/link-local addresses (SSRF from <c>/api/pull</c>, ollama#16236).
    /// Loopback is always allowed.
    /// </summary>
    public bool AllowPrivateHosts { get; init; }

    public RegistryCredentials? Credentials { get; init; }

    /// <summary>
    /// Ollama's signed token requests (<c>~/.ollama/id_ed25519</c>); used for a same-host realm when no
    /// <see cref="Credentials"/> are set.
    /// </summary>
    public RegistrySigningKey? SigningKey { get; init; }

    /// <summary>Explicit proxy; null uses the system proxy (HTTPS_PROXY/HTTP_PROXY/NO_PROXY/ALL_PROXY).</summary>
    public IWebProxy? Proxy { get; init; }

    /// <summary>Parts are total/16 clamped to [Min, Max] (Ollama: 100 MB .. 1000 MB).</summary>
    public long MinPartSize { get; init; } = 100_000_000;

    public long MaxPartSize { get; init; } = 1_000_000_000;

    public int MaxParallelParts { get; init; } = 16;

    /// <summary>Attempts after the first one for a failed request or part (Ollama: 6).</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>Backoff is BaseDelay * 2^attempt (Ollama: 1 s, so 2^try seconds).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A part that receives nothing for this long is retried (Ollama restarts stalled parts after 30 s).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    public int MaxLayers { get; init; } = 1024;

    /// <summary>Minimum gap between two progress events of one layer (Ollama ticks every 60 ms).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(60);

    public string UserAgent { get; init; } = $"corral/0.1 ({System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()} {Environment.OSVersion.Platform.ToString().ToLowerInvariant()})";
}
