namespace Corral.Templates.GoTemplate.Nodes;

/// <summary>A bool, number, character or string constant; Text is how it was written, for error messages.</summary>
internal sealed record LiteralNode(int Position, object Value, string Text) : Node(Position)
{
    public override string ToString() => Text;
}
