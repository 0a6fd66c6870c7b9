namespace Corral.Templates;

/// <summary>A built-in chat format: its Go template and the stop sequences the model family needs.</summary>
public sealed record NamedTemplate(string Name, string Text, IReadOnlyList<string> Stop);
