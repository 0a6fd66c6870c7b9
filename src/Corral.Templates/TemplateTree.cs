using Corral.Templates.GoTemplate.Nodes;

namespace Corral.Templates;

/// <summary>
/// Questions Ollama asks of a parsed template's tree: which identifiers it uses (template.Vars), the tree cut
/// after its first <c>.Response</c> (legacy final turn), the tool-call tag (tools/template.go parseTag) and the
/// thinking tags (thinking/template.go InferTags).
/// </summary>
internal static class TemplateTree
{
    public static IEnumerable<string> Identifiers(Node? node) => node switch
    {
        ListNode list => list.Nodes.SelectMany(Identifiers),
        ActionNode action => Identifiers(action.Pipe),
        TemplateCallNode call => Identifiers(call.Pipe),
        BranchNode branch => Identifiers(branch.Pipe).Concat(Identifiers(branch.Body)).Concat(Identifiers(branch.Else)),
        PipeNode pipe => pipe.Commands.SelectMany(c => c.Arguments).SelectMany(Identifiers),
        FieldNode field => field.Names,
        VariableNode variable => variable.Fields.Prepend(variable.Name),
        _ => [],
    };

    public static ListNode AppendResponse(ListNode root)
    {
        var response = new ActionNode(root.Position, new PipeNode(root.Position, [], false,
            [new CommandNode(root.Position, [new FieldNode(root.Position, ["Response"])])]));
        return root with { Nodes = [.. root.Nodes, response] };
    }

    /// <summary>
    /// Ollama's deleteNode: everything after the first <c>{{ .Response }}</c> field in an action is removed
    /// (the action itself stays); branch pipelines are not searched.
    /// </summary>
    public static ListNode CutAfterResponse(ListNode root)
    {
        var cut = false;
        return (ListNode)Cut(root)!;

        Node? Cut(Node node)
        {
            if (cut)
            {
                return null;
            }

            switch (node)
            {
                case ListNode list:
                    return list with { Nodes = list.Nodes.Select(Cut).OfType<Node>().ToList() };
                case BranchNode branch:
                    var body = (ListNode)Cut(branch.Body)!;
                    var elseList = branch.Else is null ? null : Cut(branch.Else) as ListNode;
                    return branch with { Body = body, Else = elseList };
                case ActionNode action when action.Pipe.Commands.SelectMany(c => c.Arguments).OfType<FieldNode>().Any(f => f.Names.Contains("Response")):
                    cut = true;
                    return action;
                default:
                    return node;
            }
        }
    }

    /// <summary>The first non-blank text inside the first <c>{{ if .ToolCalls }}</c>, cut before any '{' and trimmed.</summary>
    public static string ToolCallTag(ListNode root)
    {
        var toolCalls = FindToolCallsBranch(root.Nodes);
        var text = toolCalls is null ? null : FirstText(toolCalls.Body.Nodes);
        return text?.Trim().Replace("\r\n", "\n").Split('{')[0] ?? "";
    }

    private static BranchNode? FindToolCallsBranch(IEnumerable<Node> nodes)
    {
        foreach (var node in nodes)
        {
            if (node is not BranchNode branch)
            {
                continue;
            }

            if (branch.Kind == BranchKind.If &&
                branch.Pipe.Commands.SelectMany(c => c.Arguments).OfType<FieldNode>().Any(f => f.Names.Contains("ToolCalls")))
            {
                return branch;
            }

            var found = FindToolCallsBranch(branch.Body.Nodes) ?? (branch.Else is null ? null : FindToolCallsBranch(branch.Else.Nodes));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static string? FirstText(IEnumerable<Node> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text when !string.IsNullOrWhiteSpace(text.Text):
                    return text.Text;
                case BranchNode branch:
                    return FirstText(branch.Body.Nodes) ?? (branch.Else is null ? null : FirstText(branch.Else.Nodes));
                case ActionNode:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Finds <c>{{ .Thinking }}</c> under a <c>{{ range .Messages }}</c>; the nearest enclosing list's first and
    /// last text nodes, trimmed, are the opening and closing tags ("" when absent).
    /// </summary>
    public static (string Open, string Close) ThinkingTags(ListNode root)
    {
        var result = ("", "");
        Visit(root, [], ref result);
        return result;
    }

    private static void Visit(Node? node, List<Node> ancestors, ref (string, string) result)
    {
        if (node is null)
        {
            return;
        }

        ancestors.Add(node);
        switch (node)
        {
            case FieldNode { Names: ["Thinking", ..] }:
                var range = ancestors.LastOrDefault(a => a is BranchNode { Kind: BranchKind.Range }) as BranchNode;
                if (range is not null && Identifiers(range.Pipe).Contains("Messages") &&
                    ancestors.LastOrDefault(a => a is ListNode) is ListNode { Nodes.Count: > 0 } enclosing)
                {
                    result = (
                        enclosing.Nodes[0] is TextNode first ? first.Text.Trim() : result.Item1,
                        enclosing.Nodes[^1] is TextNode last ? last.Text.Trim() : result.Item2);
                }

                break;
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    Visit(child, ancestors, ref result);
                }

                break;
            case BranchNode branch:
                Visit(branch.Pipe, ancestors, ref result);
                Visit(branch.Body, ancestors, ref result);
                Visit(branch.Else, ancestors, ref result);
                break;
            case ActionNode action:
                Visit(action.Pipe, ancestors, ref result);
                break;
            case TemplateCallNode call:
                Visit(call.Pipe, ancestors, ref result);
                break;
            case PipeNode pipe:
                foreach (var argument in pipe.Commands.SelectMany(c => c.Arguments))
                {
                    Visit(argument, ancestors, ref result);
                }

                break;
        }

        ancestors.RemoveAt(ancestors.Count - 1);
    }
}
