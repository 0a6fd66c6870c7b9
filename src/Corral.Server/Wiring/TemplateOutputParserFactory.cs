using System.Collections.Concurrent;
using Corral.Contracts.Ollama;
using Corral.Server.Models;
using Corral.Templates;
using Corral.Templates.Parsing;

namespace Corral.Server.Wiring;

/// <summary>
/// Chooses Corral.Templates' <see cref="ResponseParser"/> for a request: thinking is split out when thinking
/// is on and the template has thinking tags, tool calls are parsed when the request has tools (reference §1.3).
/// </summary>
public sealed class TemplateOutputParserFactory : IOutputParserFactory
{
    private readonly ConcurrentDictionary<string, PromptTemplate> _templates = new(StringComparer.Ordinal);

    public IOutputParser? Create(CatalogModel model, bool think, IReadOnlyList<Tool>? tools, string prompt)
    {
        if (string.IsNullOrEmpty(model.Template))
        {
            return null;
        }
        var template = _templates.GetOrAdd(model.Template, text => PromptTemplate.Parse(text));
        var toolNames = tools?.Select(tool => tool.Function.Name).ToList() ?? [];
        if (!(think && template.SupportsThinking) && toolNames.Count == 0)
        {
            return null;
        }
        return new TemplateOutputParser(ResponseParser.Create(template, think, toolNames, prompt));
    }
}
