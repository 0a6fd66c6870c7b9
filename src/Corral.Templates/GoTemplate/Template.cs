using System.Collections.Frozen;
using System.Text;
using Corral.Templates.GoTemplate.Nodes;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// A parsed Go text/template. <see cref="Parse"/> throws <see cref="TemplateException"/> with Go's error text and
/// position; <see cref="Execute(object?)"/> renders it over .NET data (see <see cref="GoValues"/> for the mapping).
/// </summary>
public sealed class Template
{
    private Template(string name, string source, IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> functions)
    {
        Name = name;
        Source = source;
        Functions = functions;
    }

    public string Name { get; }

    public string Source { get; }

    internal ListNode Root { get; private set; } = new(0, []);

    internal Dictionary<string, ListNode> Definitions { get; } = [];

    internal IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>> Functions { get; }

    /// <summary>Parses <paramref name="source"/>; extra functions are added to Go's built-ins (and may replace them).</summary>
    public static Template Parse(string source, string name = "", IReadOnlyDictionary<string, Func<IReadOnlyList<object?>, object?>>? functions = null)
    {
        var all = new Dictionary<string, Func<IReadOnlyList<object?>, object?>>(Builtins.All);
        foreach (var (functionName, function) in functions ?? FrozenDictionary<string, Func<IReadOnlyList<object?>, object?>>.Empty)
        {
            all[functionName] = function;
        }

        var template = new Template(name, source, all);
        var names = all.Keys.Append("and").Append("or").ToHashSet();
        template.Root = Parser.Parse(name, source, names, template.Definitions);
        return template;
    }

    public string Execute(object? data)
    {
        var output = new StringBuilder();
        Executor.Execute(this, Root, data, output);
        return output.ToString();
    }

    /// <summary>Executes a variant of the main tree (Ollama executes legacy templates cut at their first .Response).</summary>
    internal string Execute(ListNode root, object? data)
    {
        var output = new StringBuilder();
        Executor.Execute(this, root, data, output);
        return output.ToString();
    }
}
