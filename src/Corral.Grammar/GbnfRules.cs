using System.Text;
using System.Text.RegularExpressions;

namespace Corral.Grammar;

/// <summary>
/// The rules of a grammar being built, written sorted by name like llama.cpp's json-schema-to-grammar. Adding a
/// rule under a taken name with a different body picks the next free <c>name0</c>, <c>name1</c>, ...
/// </summary>
internal sealed partial class GbnfRules
{
    private readonly SortedDictionary<string, string> _rules = new(StringComparer.Ordinal);

    public bool Contains(string name) => _rules.ContainsKey(name);

    /// <summary>Rule names are letters, digits and dashes; anything else becomes a dash.</summary>
    public static string Sanitize(string name) => InvalidNameChars().Replace(name, "-");

    public string Add(string name, string body)
    {
        var key = Sanitize(name);
        if (_rules.TryGetValue(key, out var existing) && existing != body)
        {
            var i = 0;
            while (_rules.TryGetValue($"{key}{i}", out existing) && existing != body)
            {
                i++;
            }

            key = $"{key}{i}";
        }

        _rules[key] = body;
        return key;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (name, body) in _rules)
        {
            text.Append(name).Append(" ::= ").Append(body).Append('\n');
        }

        return text.ToString();
    }

    [GeneratedRegex("[^a-zA-Z0-9-]+")]
    private static partial Regex InvalidNameChars();
}
