using Corral.Contracts.Ollama;

namespace Corral.Server.Models;

/// <summary>Chooses the output parser for a request from the model's template/parser and the request's think and tools.</summary>
public interface IOutputParserFactory
{
    /// <summary>A parser, or null when the output is plain text (no thinking and no tools to parse).
    /// <paramref name="prompt"/> is the rendered prompt: one ending in an opening thinking tag means the output
    /// starts inside thinking.</summary>
    IOutputParser? Create(CatalogModel model, bool think, IReadOnlyList<Tool>? tools, string prompt);
}
