namespace Corral.Templates.GoTemplate.Nodes;

/// <summary>A pipeline with optional variable declarations (<c>$x :=</c>) or assignments (<c>$x =</c>).</summary>
internal sealed record PipeNode(int Position, List<string> Variables, bool IsAssign, List<CommandNode> Commands) : Node(Position)
{
    public override string ToString() =>
        (Variables.Count > 0 ? string.Join(", ", Variables) + (IsAssign ? " = " : " := ") : "") + string.Join(" | ", Commands);
}
