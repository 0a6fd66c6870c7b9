namespace Corral.Templates.GoTemplate.Nodes;

/// <summary><c>{{ break }}</c> or <c>{{ continue }}</c> inside a range.</summary>
internal sealed record LoopControlNode(int Position, bool IsBreak) : Node(Position);
