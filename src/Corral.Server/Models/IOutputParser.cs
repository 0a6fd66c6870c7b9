namespace Corral.Server.Models;

/// <summary>
/// Splits a model's generated text into visible content, thinking and tool calls as it streams
/// (Corral.Templates' thinking and tool-call parsers implement it). One instance per request.
/// </summary>
public interface IOutputParser
{
    /// <summary>Feeds the next piece of text; <paramref name="done"/> flushes anything held back.</summary>
    ParsedOutput Add(string text, bool done);
}
