using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Corral.Store.Blobs;

/// <summary>
/// A validated <c>sha256:&lt;64 lowercase hex&gt;</c> digest. Only a value of this type ever becomes a path
/// (CVE-2024-37032 / CVE-2026-7020: an unchecked digest was a path traversal).
/// </summary>
public readonly partial record struct Digest
{
    private Digest(string hex) => Hex = hex;

    /// <summary>The 64 lowercase hex characters.</summary>
    public string Hex { get; }

    /// <summary>The canonical <c>sha256:&lt;hex&gt;</c> form used in manifests and API responses.</summary>
    public override string ToString() => "sha256:" + Hex;

    /// <summary>The blob file name, <c>sha256-&lt;hex&gt;</c>.</summary>
    public string FileName => "sha256-" + Hex;

    /// <summary>Accepts <c>sha256:</c> or <c>sha256-</c> followed by 64 hex characters (any case, as
    /// Ollama's blob route does), else 400 <c>invalid digest format</c>.</summary>
    public static Digest Parse(string? text) =>
        TryParse(text, out var digest) ? digest : throw StoreException.BadRequest("invalid digest format");

    public static bool TryParse(string? text, out Digest digest)
    {
        digest = default;
        if (text is null || !DigestPattern().IsMatch(text))
        {
            return false;
        }

        digest = new Digest(text[7..].ToLowerInvariant());
        return true;
    }

    /// <summary>
    /// Only the exact canonical form <c>sha256:&lt;64 lowercase hex&gt;</c>: what a registry manifest must carry
    /// (CVE-2024-37032 "Probllama": <c>sha256:../../x</c> layer digests).
    /// </summary>
    public static bool TryParseCanonical(string? text, out Digest digest) =>
        TryParse(text, out digest) && text == digest.ToString();

    /// <summary>The 12 hex characters Ollama shows in <c>pulling &lt;hex&gt;</c> (<c>digest[7:19]</c>).</summary>
    public string Short => Hex[..12];

    public static Digest FromHash(byte[] sha256) => new(Convert.ToHexStringLower(sha256));

    public static Digest Of(ReadOnlySpan<byte> bytes) => FromHash(SHA256.HashData(bytes));

    [GeneratedRegex("^sha256[:-][0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex DigestPattern();
}
