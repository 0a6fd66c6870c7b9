namespace Corral.Templates.GoTemplate.Nodes;

internal sealed record CommandNode(int Position, List<Node> Arguments) : Node(Position)
{
    public override string ToString() => string.Join(' ', Arguments.Select(a => a is PipeNode ? $"({a})" : a.ToString()));
}
