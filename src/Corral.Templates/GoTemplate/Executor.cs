using System.Text;
using Corral.Templates.GoTemplate.Nodes;

namespace Corral.Templates.GoTemplate;

/// <summary>Walks a parsed template over data like Go's text/template/exec.go.</summary>
internal sealed class Executor
{
    // Go allows 100000 nested template calls; .NET's default stack does not, so recursion is cut off earlier.
    private const int MaxDepth = 1000;

    private readonly Template _template;
    private readonly StringBuilder _output;
    private List<(string Name, object? Value)> _variables = [];
    private string _executing;
    private int _depth;

    private Executor(Template template, StringBuilder output)
    {
        _template = template;
        _output = output;
        _executing = template.Name;
    }

    public static void Execute(Template template, ListNode root, object? data, StringBuilder output)
    {
        var executor = new Executor(template, output);
        executor._variables.Add(("$", data));
        executor.Walk(data, root);
    }

    private Flow Walk(object? dot, Node node)
    {
        switch (node)
        {
            case ListNode list:
                foreach (var child in list.Nodes)
                {
                    var flow = Walk(dot, child);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case TextNode text:
                _output.Append(text.Text);
                return Flow.Normal;
            case ActionNode action:
                var value = GoValues.Normalize(EvalPipeline(dot, action.Pipe, declare: true));
                if (action.Pipe.Variables.Count == 0)
                {
                    _output.Append(value is null ? "<no value>" : GoFormat.Value(value));
                }

                return Flow.Normal;
            case BranchNode { Kind: BranchKind.Range } range:
                return WalkRange(dot, range);
            case BranchNode branch:
                return WalkIfOrWith(dot, branch);
            case TemplateCallNode call:
                WalkTemplate(dot, call);
                return Flow.Normal;
            case LoopControlNode control:
                return control.IsBreak ? Flow.Break : Flow.Continue;
            default:
                throw Error(node, $"unknown node: {node}");
        }
    }

    private Flow WalkIfOrWith(object? dot, BranchNode branch)
    {
        var mark = _variables.Count;
        var value = EvalPipeline(dot, branch.Pipe, declare: true);
        var flow = Flow.Normal;
        if (GoValues.IsTrue(value))
        {
            flow = Walk(branch.Kind == BranchKind.With ? value : dot, branch.Body);
        }
        else if (branch.Else is not null)
        {
            flow = Walk(dot, branch.Else);
        }

        Pop(mark);
        return flow;
    }

    private Flow WalkRange(object? dot, BranchNode range)
    {
        var mark = _variables.Count;
        var value = EvalPipeline(dot, range.Pipe, declare: false);
        List<(object? Key, object? Value)> items;
        try
        {
            items = GoValues.Enumerate(value).ToList();
        }
        catch (InvalidOperationException e)
        {
            throw Error(range, e.Message);
        }

        foreach (var (key, element) in items)
        {
            var variables = range.Pipe.Variables;
            if (variables.Count == 1)
            {
                Declare(variables[0], element, range.Pipe.IsAssign);
            }
            else if (variables.Count == 2)
            {
                Declare(variables[0], key, range.Pipe.IsAssign);
                Declare(variables[1], element, range.Pipe.IsAssign);
            }

            var flow = Walk(element, range.Body);
            Pop(mark);
            if (flow == Flow.Break)
            {
                break;
            }
        }

        var result = Flow.Normal;
        if (items.Count == 0 && range.Else is not null)
        {
            result = Walk(dot, range.Else);
        }

        Pop(mark);
        return result;
    }

    private void WalkTemplate(object? dot, TemplateCallNode call)
    {
        if (!_template.Definitions.TryGetValue(call.Name, out var body))
        {
            throw Error(call, $"template {GoFormat.Quote(call.Name)} not defined");
        }

        if (_depth >= MaxDepth)
        {
            throw Error(call, $"exceeded maximum template depth ({MaxDepth})");
        }

        var newDot = call.Pipe is null ? null : EvalPipeline(dot, call.Pipe, declare: false);
        var (savedVariables, savedName) = (_variables, _executing);
        _variables = [("$", newDot)];
        _executing = call.Name;
        _depth++;
        Walk(newDot, body);
        _depth--;
        (_variables, _executing) = (savedVariables, savedName);
    }

    private object? EvalPipeline(object? dot, PipeNode pipe, bool declare)
    {
        object? value = null;
        var hasFinal = false;
        foreach (var command in pipe.Commands)
        {
            value = EvalCommand(dot, command, value, hasFinal);
            hasFinal = true;
        }

        if (declare)
        {
            foreach (var variable in pipe.Variables)
            {
                Declare(variable, value, pipe.IsAssign);
            }
        }

        return value;
    }

    private object? EvalCommand(object? dot, CommandNode command, object? final, bool hasFinal)
    {
        var first = command.Arguments[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFields(first, dot, field.Names, command.Arguments.Count > 1 || hasFinal);
            case VariableNode variable:
                RequireNoArguments(first, command.Arguments.Count > 1 || hasFinal && variable.Fields.Length == 0);
                return EvalFields(first, Lookup(variable.Name), variable.Fields, command.Arguments.Count > 1 || hasFinal);
            case ChainNode chain:
                return EvalFields(first, EvalArgument(dot, chain.Target), chain.Fields, command.Arguments.Count > 1 || hasFinal);
            case IdentifierNode function:
                return CallFunction(dot, function, command, final, hasFinal);
            case NilNode:
                throw Error(first, "nil is not a command");
        }

        RequireNoArguments(first, command.Arguments.Count > 1 || hasFinal);
        return EvalArgument(dot, first);
    }

    private void RequireNoArguments(Node node, bool hasArguments)
    {
        if (hasArguments)
        {
            throw Error(node, $"can't give argument to non-function {node}");
        }
    }

    private object? EvalFields(Node node, object? receiver, string[] names, bool hasArguments)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (i == names.Length - 1 && hasArguments)
            {
                throw Error(node, $"{names[i]} is not a method but has arguments");
            }

            try
            {
                receiver = GoValues.GetField(receiver, names[i]);
            }
            catch (Exception e) when (e is not TemplateException)
            {
                throw Error(node, (e.InnerException ?? e).Message);
            }
        }

        return receiver;
    }

    private object? EvalArgument(object? dot, Node node) => node switch
    {
        DotNode => dot,
        NilNode => null,
        LiteralNode literal => literal.Value,
        FieldNode field => EvalFields(node, dot, field.Names, false),
        VariableNode variable => EvalFields(node, Lookup(variable.Name), variable.Fields, false),
        ChainNode chain => EvalFields(node, EvalArgument(dot, chain.Target), chain.Fields, false),
        PipeNode pipe => EvalPipeline(dot, pipe, declare: false),
        IdentifierNode function => CallFunction(dot, function, new CommandNode(node.Position, [node]), null, false),
        _ => throw Error(node, $"can't handle {node} for arg"),
    };

    private object? CallFunction(object? dot, IdentifierNode function, CommandNode command, object? final, bool hasFinal)
    {
        var argumentNodes = command.Arguments.Skip(1).ToList();
        if (function.Name is "and" or "or")
        {
            return ShortCircuit(dot, function, command, argumentNodes, final, hasFinal);
        }

        var args = argumentNodes.Select(a => EvalArgument(dot, a)).ToList();
        if (hasFinal)
        {
            args.Add(final);
        }

        try
        {
            return _template.Functions[function.Name](args);
        }
        catch (InvalidOperationException e)
        {
            throw Error(command, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or InvalidCastException)
        {
            // Arguments a function cannot take surface as Go's "error calling" instead of escaping as a crash.
            throw Error(command, $"error calling {function.Name}: {e.Message}");
        }
    }

    /// <summary>and/or stop evaluating at the first false/true argument (Go 1.18+) and return that argument.</summary>
    private object? ShortCircuit(object? dot, IdentifierNode function, CommandNode command, List<Node> argumentNodes, object? final, bool hasFinal)
    {
        var count = argumentNodes.Count + (hasFinal ? 1 : 0);
        if (count == 0)
        {
            throw Error(command, $"wrong number of args for {function.Name}: want at least 1 got 0");
        }

        object? value = null;
        for (var i = 0; i < count; i++)
        {
            value = i < argumentNodes.Count ? EvalArgument(dot, argumentNodes[i]) : final;
            if (GoValues.IsTrue(value) == (function.Name == "or"))
            {
                return value;
            }
        }

        return value;
    }

    private object? Lookup(string name)
    {
        for (var i = _variables.Count - 1; i >= 0; i--)
        {
            if (_variables[i].Name == name)
            {
                return _variables[i].Value;
            }
        }

        throw new TemplateException($"template: {_executing}: undefined variable: {name}");
    }

    private void Declare(string name, object? value, bool isAssign)
    {
        if (!isAssign)
        {
            _variables.Add((name, value));
            return;
        }

        for (var i = _variables.Count - 1; i >= 0; i--)
        {
            if (_variables[i].Name == name)
            {
                _variables[i] = (name, value);
                return;
            }
        }
    }

    private void Pop(int mark) => _variables.RemoveRange(mark, _variables.Count - mark);

    private TemplateException Error(Node node, string message)
    {
        var at = node switch
        {
            BranchNode or ActionNode or TemplateCallNode => "",
            _ => $" at <{node}>",
        };
        return new TemplateException(
            $"template: {SourcePosition.Describe(_template.Name, _template.Source, node.Position)}: executing {GoFormat.Quote(_executing)}{at}: {message}");
    }
}
