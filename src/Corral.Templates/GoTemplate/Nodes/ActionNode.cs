namespace Corral.Templates.GoTemplate.Nodes;

/// <summary>A non-control action such as <c>{{ .X | printf "%s" }}</c>; printed unless it declares variables.</summary>
internal sealed record ActionNode(int Position, PipeNode Pipe) : Node(Position);
