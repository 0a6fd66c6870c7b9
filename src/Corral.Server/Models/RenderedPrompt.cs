namespace Corral.Server.Models;

/// <summary>A rendered prompt and how many old history messages were dropped to fit the context.</summary>
public sealed record RenderedPrompt(string Text, int DroppedMessages = 0);
