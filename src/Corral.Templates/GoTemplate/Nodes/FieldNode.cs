namespace Corral.Templates.GoTemplate.Nodes;

/// <summary><c>.A.B.C</c>: a chain of field names evaluated on dot.</summary>
internal sealed record FieldNode(int Position, string[] Names) : Node(Position)
{
    public override string ToString() => "." + string.Join('.', Names);
}
