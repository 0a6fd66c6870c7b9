namespace Corral.Templates.GoTemplate.Nodes;

/// <summary><c>(pipeline).A.B</c>: fields applied to the result of a parenthesized term.</summary>
internal sealed record ChainNode(int Position, Node Target, string[] Fields) : Node(Position)
{
    public override string ToString() => $"({Target}).{string.Join('.', Fields)}";
}
