namespace Corral.Templates.GoTemplate.Nodes;

internal sealed record ListNode(int Position, List<Node> Nodes) : Node(Position);
