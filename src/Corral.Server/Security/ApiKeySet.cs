using System.Security.Cryptography;
using System.Text;

namespace Corral.Server.Security;

/// <summary>
/// The configured API keys and their scopes. Keys are kept only as SHA-256 hashes and a presented key is
/// compared against every one in constant time, so neither timing nor a memory dump of this object gives a key away.
/// </summary>
public sealed class ApiKeySet
{
    private readonly (byte[] Hash, ApiScope Scopes)[] _keys;

    private ApiKeySet((byte[] Hash, ApiScope Scopes)[] keys) => _keys = keys;

    /// <summary>No keys: authentication is off, as in Ollama.</summary>
    public static ApiKeySet Empty { get; } = new([]);

    public bool IsEmpty => _keys.Length == 0;

    public int Count => _keys.Length;

    /// <summary>The scopes of <paramref name="presented"/>, or null when it is missing or unknown.</summary>
    public ApiScope? Authorize(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiScope? found = null;
        foreach (var (keyHash, scopes) in _keys)
        {
            // No early exit: the time taken does not depend on which key (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(hash, keyHash))
            {
                found = scopes;
            }
        }
        return found;
    }

    /// <summary>
    /// Keys from <c>CORRAL_API_KEYS</c> (<paramref name="inline"/>, entries separated by <c>;</c> or newlines) and
    /// the file at <paramref name="filePath"/> (<c>CORRAL_API_KEYS_FILE</c>, one entry per line). An entry is
    /// <c>key [scope[,scope]]</c> with scopes read, infer, manage; no scope means all three. <c>#</c> starts a comment.
    /// </summary>
    public static ApiKeySet Load(string inline, string filePath)
    {
        var keys = new List<(byte[], ApiScope)>();
        Parse(inline.Replace(';', '\n'), "CORRAL_API_KEYS", keys);
        if (filePath.Length > 0)
        {
            string text;
            try
            {
                text = File.ReadAllText(filePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ServerConfigException($"CORRAL_API_KEYS_FILE: cannot read {filePath}: {e.Message}");
            }
            Parse(text, "CORRAL_API_KEYS_FILE", keys);
        }
        return keys.Count == 0 ? Empty : new ApiKeySet([.. keys]);
    }

    private static void Parse(string text, string source, List<(byte[], ApiScope)> keys)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var comment = lines[i].IndexOf('#');
            var parts = (comment >= 0 ? lines[i][..comment] : lines[i]).Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }
            // The message names the entry by position, never by its key, because it ends up in logs.
            if (parts.Length > 2)
            {
                throw new ServerConfigException($"{source}: entry {i + 1}: expected \"key [scope,scope]\"");
            }
            var scopes = parts.Length == 1 ? ApiScope.All : ParseScopes(parts[1], source, i + 1);
            keys.Add((SHA256.HashData(Encoding.UTF8.GetBytes(parts[0])), scopes));
        }
    }

    private static ApiScope ParseScopes(string list, string source, int entry)
    {
        var scopes = ApiScope.None;
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            scopes |= name.Trim().ToLowerInvariant() switch
            {
                "read" => ApiScope.Read,
                "infer" => ApiScope.Infer,
                "manage" => ApiScope.Manage,
                _ => throw new ServerConfigException($"{source}: entry {entry}: unknown scope \"{name}\" (read, infer, manage)"),
            };
        }
        return scopes;
    }
}
