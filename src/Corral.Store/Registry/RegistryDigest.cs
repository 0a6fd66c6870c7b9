using System.Text.RegularExpressions;

namespace Corral.Store.Registry;

/// <summary>
/// Strict digest check applied to every digest a registry hands us before it becomes a path or a URL
/// (CVE-2024-37032 "Probllama": <c>sha256:../../x</c> layer digests).
/// </summary>
public static partial class RegistryDigest
{
    [GeneratedRegex("^sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? digest) => digest is not null && Pattern().IsMatch(digest);

    /// <summary>The 12 hex characters Ollama shows in <c>pulling &lt;hex&gt;</c> (<c>digest[7:19]</c>).</summary>
    public static string Short(string digest) => digest.Substring(7, 12);
}
