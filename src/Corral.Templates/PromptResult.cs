namespace Corral.Templates;

/// <summary>
/// The rendered prompt, how many non-system messages were dropped from the start of the history to fit the
/// context (report it; never drop silently), and how many images the prompt references as <c>[img-0]</c>...
/// <see cref="FirstMessage"/> is the index (in the input's messages) of the first message kept after the dropped
/// ones: the images of the messages from there on, in order, are the ones tagged <c>[img-0]</c>, <c>[img-1]</c>...
/// (the system messages kept from before it carry no tags, as in Ollama's chatPrompt).
/// </summary>
public sealed record PromptResult(string Prompt, int DroppedMessages, int ImageCount, int FirstMessage);
