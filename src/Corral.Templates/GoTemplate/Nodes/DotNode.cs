namespace Corral.Templates.GoTemplate.Nodes;

internal sealed record DotNode(int Position) : Node(Position)
{
    public override string ToString() => ".";
}
