namespace Corral.Templates.GoTemplate.Nodes;

/// <summary><c>$x.A.B</c>: a variable followed by field names.</summary>
internal sealed record VariableNode(int Position, string Name, string[] Fields) : Node(Position)
{
    public override string ToString() => Fields.Length == 0 ? Name : Name + "." + string.Join('.', Fields);
}
