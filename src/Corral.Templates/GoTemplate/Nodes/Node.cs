namespace Corral.Templates.GoTemplate.Nodes;

/// <summary>A node of the parse tree (text/template/parse/node.go); Position is the source offset for errors.</summary>
internal abstract record Node(int Position);
