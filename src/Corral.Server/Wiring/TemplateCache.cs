using System.Collections.Concurrent;
using Corral.Templates;

namespace Corral.Server.Wiring;

/// <summary>Parsed templates by text, shared by the renderer and the output parsers so each template is parsed once.</summary>
public sealed class TemplateCache
{
    private readonly ConcurrentDictionary<string, PromptTemplate> _templates = new(StringComparer.Ordinal);

    /// <summary>The parsed template; <see cref="PromptTemplate.Default"/> (<c>{{ .Prompt }}</c>) when there is none.</summary>
    /// <exception cref="Corral.Templates.GoTemplate.TemplateException">The text does not parse.</exception>
    public PromptTemplate Get(string? text) =>
        string.IsNullOrEmpty(text) ? PromptTemplate.Default : _templates.GetOrAdd(text, static template => PromptTemplate.Parse(template));
}
