namespace Corral.Templates.GoTemplate.Nodes;

/// <summary><c>{{ template "name" pipeline }}</c>.</summary>
internal sealed record TemplateCallNode(int Position, string Name, PipeNode? Pipe) : Node(Position);
