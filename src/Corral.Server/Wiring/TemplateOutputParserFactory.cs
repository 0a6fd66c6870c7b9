using Corral.Contracts.Ollama;
using Corral.Server.Models;
using Corral.Templates;
using Corral.Templates.GoTemplate;
using Corral.Templates.Parsing;

namespace Corral.Server.Wiring;

/// <summary>
/// Chooses Corral.Templates' <see cref="ResponseParser"/> for a request: thinking is split out when thinking
/// is on and the template has thinking tags, tool calls are parsed when the request has tools (reference §1.3).
/// </summary>
public sealed class TemplateOutputParserFactory(TemplateCache templates) : IOutputParserFactory
{
    public IOutputParser? Create(CatalogModel model, bool think, IReadOnlyList<Tool>? tools, string prompt)
    {
        if (string.IsNullOrEmpty(model.Template))
        {
            return null;
        }
        // The prompt was already rendered, so a template that does not parse was a request override
        // (generate's "template"); the model's own text is what the thinking and tool tags come from.
        PromptTemplate template;
        try
        {
            template = templates.Get(model.Template);
        }
        catch (TemplateException)
        {
            return null;
        }
        var toolNames = tools?.Select(tool => tool.Function.Name).ToList() ?? [];
        if (!(think && template.SupportsThinking) && toolNames.Count == 0)
        {
            return null;
        }
        return new TemplateOutputParser(ResponseParser.Create(template, think, toolNames, prompt));
    }
}
