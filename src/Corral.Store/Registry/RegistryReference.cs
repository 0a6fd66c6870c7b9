using System.Text.RegularExpressions;
using Corral.Store.Names;

namespace Corral.Store.Registry;

/// <summary>
/// The four parts of a model name the registry protocol needs, plus the scheme a name may be written with.
/// Base URL is <c>scheme://host</c> and the repository is <c>namespace/model</c>, as in Ollama's
/// <see href="https://github.com/ollama/ollama/blob/main/server/images.go">images.go</see>.
/// </summary>
/// <param name="Scheme">"http" or "https" from a name written with a scheme; null means https.</param>
public sealed partial record RegistryReference(string? Scheme, string Host, string Namespace, string Model, string Tag)
{
    public const string DefaultHost = "registry.ollama.ai";
    public const string DefaultNamespace = "library";
    public const string DefaultTag = "latest";

    /// <summary>
    /// The reference for a model name as the user wrote it: <see cref="ModelName"/> drops a leading
    /// <c>scheme://</c>, so the scheme is read from <paramref name="text"/> (Ollama's ParseModelPath).
    /// </summary>
    public static RegistryReference From(string text, ModelName name)
    {
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 && schemeEnd < text.IndexOf('/') ? text[..schemeEnd] : null;
        return new RegistryReference(scheme, name.Host, name.Namespace, name.Model, name.Tag);
    }

    /// <summary><c>namespace/model</c>, the OCI repository name.</summary>
    public string Repository => $"{Namespace}/{Model}";

    /// <summary>
    /// <c>insecure</c> forces plain http; a name that says http:// without insecure is refused like Ollama's
    /// <c>insecure protocol http</c>.
    /// </summary>
    public Uri BaseUri(bool insecure)
    {
        // The parts become URL path segments: the same character rules as Ollama's types/model/name.go.
        if (!HostPattern().IsMatch(Host) || !NamespacePattern().IsMatch(Namespace) || !PartPattern().IsMatch(Model)
            || !PartPattern().IsMatch(Tag))
            throw new RegistryException(RegistryErrorKind.InvalidRequest, "invalid model name");
        var scheme = Scheme ?? "https";
        if (insecure)
            scheme = "http";
        else if (scheme == "http")
            throw new RegistryException(RegistryErrorKind.InvalidRequest, "insecure protocol http");
        else if (scheme != "https")
            throw new RegistryException(RegistryErrorKind.InvalidRequest, $"unsupported protocol {scheme}");
        return new Uri($"{scheme}://{Host}/");
    }

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_][A-Za-z0-9_.-]{0,349})(:[0-9]{1,5})?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_-]{0,79}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,79}$", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();
}
