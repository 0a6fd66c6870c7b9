namespace Corral.Templates.GoTemplate.Nodes;

/// <summary><c>if</c>, <c>with</c> or <c>range</c> with its body and optional else branch.</summary>
internal sealed record BranchNode(int Position, BranchKind Kind, PipeNode Pipe, ListNode Body, ListNode? Else) : Node(Position);
