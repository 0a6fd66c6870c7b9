namespace Corral.Templates.GoTemplate.Nodes;

internal sealed record TextNode(int Position, string Text) : Node(Position);
