namespace Corral.Templates.GoTemplate.Nodes;

/// <summary>A function name.</summary>
internal sealed record IdentifierNode(int Position, string Name) : Node(Position)
{
    public override string ToString() => Name;
}
