using System.Text.RegularExpressions;

namespace Corral.Server.Endpoints;

/// <summary>The only digest form allowed to reach the store (reference section 1.6): <c>sha256:</c> or <c>sha256-</c> + 64 hex.</summary>
internal static partial class Digests
{
    public static bool IsValid(string digest) => Pattern().IsMatch(digest);

    [GeneratedRegex("^sha256[:-][0-9a-fA-F]{64}$")]
    private static partial Regex Pattern();
}
