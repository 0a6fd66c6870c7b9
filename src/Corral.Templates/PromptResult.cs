namespace Corral.Templates;

/// <summary>
/// The rendered prompt, how many non-system messages were dropped from the start of the history to fit the
/// context (report it; never drop silently), and how many images the prompt references as <c>[img-0]</c>...
/// </summary>
public sealed record PromptResult(string Prompt, int DroppedMessages, int ImageCount);
