namespace Corral.Store.Names;

/// <summary>
/// A model name <c>[scheme://][host/][namespace/]model[:tag]</c> with Ollama's defaults and validity rules
/// (https://github.com/ollama/ollama/blob/main/types/model/name.go).
/// </summary>
public sealed record ModelName(string Host, string Namespace, string Model, string Tag)
{
    public const string DefaultHost = "registry.ollama.ai";
    public const string DefaultNamespace = "library";
    public const string DefaultTag = "latest";

    // A separator promising a part that is then empty yields this invalid part, as cutPromised does upstream.
    private const string BrokenPromise = "!";

    /// <summary>Parses and fills defaults; never throws. Check <see cref="IsValid"/>.</summary>
    public static ModelName Parse(string? text)
    {
        var s = text ?? "";
        var tag = "";
        var nameSpace = "";
        var host = "";

        // "/" is illegal in a tag, so a ":" after the last "/" starts the tag; an earlier one is a host port.
        if (s.LastIndexOf(':') > s.LastIndexOf('/'))
        {
            (s, tag) = CutPromised(s, ':');
        }

        var (rest, model, promised) = CutLast(s, '/');
        if (promised)
        {
            (rest, nameSpace, promised) = CutLast(rest, '/');
            if (promised)
            {
                var schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
                host = schemeEnd >= 0 ? rest[(schemeEnd + 3)..] : rest;
            }
            else
            {
                nameSpace = rest;
            }
        }
        else
        {
            model = rest;
        }

        return new ModelName(
            Or(host, DefaultHost), Or(nameSpace, DefaultNamespace), model, Or(tag, DefaultTag));
    }

    /// <summary>Parses and validates; an invalid name is 400 <c>invalid model name</c>.</summary>
    public static ModelName ParseValid(string? text)
    {
        var name = Parse(text);
        return name.IsValid ? name : throw StoreException.BadRequest("invalid model name");
    }

    public bool IsValid =>
        IsValidPart(ModelNamePart.Host, Host) && IsValidPart(ModelNamePart.Namespace, Namespace) &&
        IsValidPart(ModelNamePart.Model, Model) && IsValidPart(ModelNamePart.Tag, Tag);

    /// <summary><c>host/namespace/model:tag</c>.</summary>
    public string DisplayFull => $"{Host}/{Namespace}/{Model}:{Tag}";

    /// <summary>The shortest unambiguous form: <c>llama3:latest</c>, <c>ns/llama3:latest</c> or the full name.</summary>
    public string DisplayShortest
    {
        get
        {
            if (!Host.Equals(DefaultHost, StringComparison.OrdinalIgnoreCase))
            {
                return DisplayFull;
            }

            return Namespace.Equals(DefaultNamespace, StringComparison.OrdinalIgnoreCase)
                ? $"{Model}:{Tag}"
                : $"{Namespace}/{Model}:{Tag}";
        }
    }

    /// <summary>The manifest path relative to the manifests directory (host ports keep their ":" as upstream).</summary>
    public string ManifestRelativePath => Path.Combine(Host, Namespace, Model, Tag);

    /// <summary>Case-insensitive equality of all parts, as Ollama's getExistingName compares names.</summary>
    public bool EqualsIgnoreCase(ModelName other) =>
        string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(Namespace, other.Namespace, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(Model, other.Model, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(Tag, other.Tag, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => DisplayShortest;

    private static (string Before, string After) CutPromised(string s, char separator)
    {
        var (before, after, _) = CutLast(s, separator);
        return (before, after.Length == 0 ? BrokenPromise : after);
    }

    private static (string Before, string After, bool Found) CutLast(string s, char separator)
    {
        var i = s.LastIndexOf(separator);
        if (i < 0)
        {
            return (s, "", false);
        }

        var after = s[(i + 1)..];
        return (s[..i], after.Length == 0 ? BrokenPromise : after, true);
    }

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;

    private static bool IsValidPart(ModelNamePart kind, string s)
    {
        var maxLength = kind == ModelNamePart.Host ? 350 : 80;
        if (s.Length == 0 || s.Length > maxLength || !IsAlphanumericOrUnderscore(s[0]))
        {
            return false;
        }

        foreach (var c in s.AsSpan(1))
        {
            var ok = c switch
            {
                '_' or '-' => true,
                '.' => kind != ModelNamePart.Namespace,
                ':' => kind == ModelNamePart.Host,
                _ => IsAlphanumericOrUnderscore(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlphanumericOrUnderscore(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
