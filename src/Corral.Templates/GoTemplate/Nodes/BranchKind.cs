namespace Corral.Templates.GoTemplate.Nodes;

internal enum BranchKind
{
    If,
    With,
    Range,
}
