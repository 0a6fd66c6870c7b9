namespace Corral.Templates.GoTemplate.Nodes;

internal sealed record NilNode(int Position) : Node(Position)
{
    public override string ToString() => "nil";
}
