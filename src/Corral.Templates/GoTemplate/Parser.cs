using Corral.Templates.GoTemplate.Nodes;

namespace Corral.Templates.GoTemplate;

/// <summary>
/// Recursive-descent parser producing the same tree shape as Go's text/template/parse/parse.go, including its
/// parse-time checks: undefined functions and variables, break/continue outside range, misplaced else/end.
/// </summary>
internal sealed class Parser
{
    private readonly string _name;
    private readonly string _source;
    private readonly List<Token> _tokens;
    private readonly IReadOnlySet<string> _functions;
    private readonly Dictionary<string, ListNode> _definitions;
    private readonly List<string> _variables = ["$"];
    private int _index;
    private int _rangeDepth;

    private Parser(string name, string source, IReadOnlySet<string> functions, Dictionary<string, ListNode> definitions)
    {
        _name = name;
        _source = source;
        _tokens = Lexer.Tokenize(name, source);
        _functions = functions;
        _definitions = definitions;
    }

    /// <summary>Parses the main template; <c>define</c>/<c>block</c> bodies are added to <paramref name="definitions"/>.</summary>
    public static ListNode Parse(string name, string source, IReadOnlySet<string> functions, Dictionary<string, ListNode> definitions)
    {
        var parser = new Parser(name, source, functions, definitions);
        var (list, terminator) = parser.ParseList();
        if (terminator is { } t)
        {
            throw parser.Error(t.Position, $"unexpected {{{{{t.Text}}}}}");
        }

        return list;
    }

    private Token Peek => _tokens[_index];

    private Token Next() => _tokens[_index++];

    /// <summary>Parses items until EOF or a <c>{{end}}</c>/<c>{{else}}</c>, which is returned (consumed up to the keyword).</summary>
    private (ListNode List, Token? Terminator) ParseList()
    {
        var nodes = new List<Node>();
        var start = Peek.Position;
        while (Peek.Kind != TokenKind.Eof)
        {
            var token = Next();
            if (token.Kind == TokenKind.Text)
            {
                nodes.Add(new TextNode(token.Position, token.Text));
                continue;
            }

            if (Peek.Kind == TokenKind.Keyword && Peek.Text is "end" or "else")
            {
                return (new ListNode(start, nodes), Next());
            }

            if (ParseAction(token) is { } node)
            {
                nodes.Add(node);
            }
        }

        return (new ListNode(start, nodes), null);
    }

    private Node? ParseAction(Token leftDelim)
    {
        if (Peek.Kind == TokenKind.Keyword)
        {
            var keyword = Next();
            switch (keyword.Text)
            {
                case "if":
                    return ParseBranch(keyword, BranchKind.If);
                case "with":
                    return ParseBranch(keyword, BranchKind.With);
                case "range":
                    return ParseBranch(keyword, BranchKind.Range);
                case "template":
                    return ParseTemplateCall(keyword, "template");
                case "define":
                    ParseDefine(keyword);
                    return null;
                case "block":
                    var call = ParseTemplateCall(keyword, "block");
                    ParseDefinitionBody(keyword, call.Name, "block");
                    return call;
                case "break" or "continue":
                    if (_rangeDepth == 0)
                    {
                        throw Error(keyword.Position, $"{{{{{keyword.Text}}}}} outside {{{{range}}}}");
                    }

                    Expect(TokenKind.RightDelim, keyword.Text);
                    return new LoopControlNode(keyword.Position, keyword.Text == "break");
            }
        }

        var pipe = ParsePipeline("command", allowDeclarations: true, isRange: false);
        return new ActionNode(leftDelim.Position, pipe);
    }

    private BranchNode ParseBranch(Token keyword, BranchKind kind)
    {
        var variableMark = _variables.Count;
        var pipe = ParsePipeline(keyword.Text, allowDeclarations: true, isRange: kind == BranchKind.Range);
        if (kind == BranchKind.Range)
        {
            _rangeDepth++;
        }

        var (body, terminator) = ParseList();
        if (kind == BranchKind.Range)
        {
            _rangeDepth--;
        }

        if (terminator is null)
        {
            throw Error(_source.Length, "unexpected EOF");
        }

        ListNode? elseList = null;
        if (terminator.Value.Text == "else")
        {
            // "{{if}}..{{else if ...}}" and "{{with}}..{{else with ...}}" chain into a nested branch ending at the
            // same {{end}}; other keywords after else start an ordinary action that needs its own {{end}}.
            var chained = kind == BranchKind.If ? "if" : kind == BranchKind.With ? "with" : null;
            if (Peek.Kind == TokenKind.Keyword && Peek.Text == chained)
            {
                var nested = Next();
                var nestedKind = kind;
                elseList = new ListNode(nested.Position, [ParseBranch(nested, nestedKind)]);
                _variables.RemoveRange(variableMark, _variables.Count - variableMark);
                return new BranchNode(keyword.Position, kind, pipe, body, elseList);
            }

            // Go's elseControl leaves a following if/with pending: "{{else with x}}" inside an if is an else branch
            // that starts with a with action, which then needs its own {{end}}.
            var leading = Peek.Kind == TokenKind.Keyword && Peek.Text is "if" or "with" ? ParseAction(terminator.Value) : null;
            if (leading is null)
            {
                Expect(TokenKind.RightDelim, "else");
            }

            var (elseBody, elseTerminator) = ParseList();
            if (leading is not null)
            {
                elseBody.Nodes.Insert(0, leading);
            }

            if (elseTerminator is not { Text: "end" })
            {
                throw Error(elseTerminator?.Position ?? _source.Length, elseTerminator is null ? "unexpected EOF" : "expected end; found {{else}}");
            }

            elseList = elseBody;
        }

        Expect(TokenKind.RightDelim, "end");
        _variables.RemoveRange(variableMark, _variables.Count - variableMark);
        return new BranchNode(keyword.Position, kind, pipe, body, elseList);
    }

    private TemplateCallNode ParseTemplateCall(Token keyword, string context)
    {
        var nameToken = Next();
        if (nameToken.Kind != TokenKind.String)
        {
            throw Error(nameToken.Position, $"unexpected \"{nameToken.Text}\" in {context} clause");
        }

        PipeNode? pipe = null;
        if (Peek.Kind != TokenKind.RightDelim)
        {
            pipe = ParsePipeline(context, allowDeclarations: false, isRange: false);
        }
        else
        {
            Next();
        }

        return new TemplateCallNode(keyword.Position, nameToken.Text, pipe);
    }

    private void ParseDefine(Token keyword)
    {
        var nameToken = Next();
        if (nameToken.Kind != TokenKind.String)
        {
            throw Error(nameToken.Position, "name of template must be a string constant");
        }

        Expect(TokenKind.RightDelim, "define clause");
        ParseDefinitionBody(keyword, nameToken.Text, "define");
    }

    private void ParseDefinitionBody(Token keyword, string name, string context)
    {
        var outerVariables = _variables.ToList();
        var outerRangeDepth = _rangeDepth;
        _variables.Clear();
        _variables.Add("$");
        _rangeDepth = 0;
        var (body, terminator) = ParseList();
        if (terminator is not { Text: "end" })
        {
            throw Error(terminator?.Position ?? keyword.Position, $"unexpected {(terminator is null ? "EOF" : "{{else}}")} in {context}");
        }

        Expect(TokenKind.RightDelim, "end");
        _variables.Clear();
        _variables.AddRange(outerVariables);
        _rangeDepth = outerRangeDepth;
        _definitions[name] = body;
    }

    private PipeNode ParsePipeline(string context, bool allowDeclarations, bool isRange)
    {
        var start = Peek.Position;
        var declared = new List<string>();
        var isAssign = false;
        if (allowDeclarations && Peek.Kind == TokenKind.Variable)
        {
            var save = _index;
            var first = Next();
            if (Peek.Kind is TokenKind.Declare or TokenKind.Assign)
            {
                isAssign = Next().Kind == TokenKind.Assign;
                declared.Add(first.Text);
            }
            else if (isRange && Peek.Kind == TokenKind.Comma)
            {
                Next();
                var second = Next();
                if (second.Kind != TokenKind.Variable)
                {
                    throw Error(second.Position, $"range can only initialize variables");
                }

                if (Peek.Kind is not (TokenKind.Declare or TokenKind.Assign))
                {
                    throw Error(Peek.Position, "expected := or = after range variables");
                }

                isAssign = Next().Kind == TokenKind.Assign;
                declared.Add(first.Text);
                declared.Add(second.Text);
            }
            else
            {
                _index = save;
            }

            foreach (var variable in declared)
            {
                if (isAssign)
                {
                    RequireVariable(first.Position, variable);
                }
                else
                {
                    _variables.Add(variable);
                }
            }
        }

        var commands = new List<CommandNode>();
        while (true)
        {
            var token = Peek;
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                if (token.Kind == TokenKind.RightDelim)
                {
                    Next();
                }

                break;
            }

            commands.Add(ParseCommand());
            if (Peek.Kind == TokenKind.Pipe)
            {
                Next();
                if (Peek.Kind is TokenKind.RightDelim or TokenKind.RightParen)
                {
                    throw Error(Peek.Position, $"missing command");
                }
            }
        }

        if (commands.Count == 0)
        {
            throw Error(start, $"missing value for {context}");
        }

        for (var i = 1; i < commands.Count; i++)
        {
            if (commands[i].Arguments[0] is LiteralNode or NilNode or DotNode)
            {
                throw Error(commands[i].Position, $"non executable command in pipeline stage {i + 1}");
            }
        }

        return new PipeNode(start, declared, isAssign, commands);
    }

    private CommandNode ParseCommand()
    {
        var start = Peek.Position;
        var arguments = new List<Node>();
        while (Peek.Kind is not (TokenKind.Pipe or TokenKind.RightDelim or TokenKind.RightParen or TokenKind.Eof))
        {
            if (arguments.Count > 0 && !Peek.SpaceBefore && Peek.Kind != TokenKind.LeftParen)
            {
                throw Error(Peek.Position, $"missing space?");
            }

            arguments.Add(ParseOperand());
        }

        if (arguments.Count == 0)
        {
            throw Error(start, "empty command");
        }

        return new CommandNode(start, arguments);
    }

    private Node ParseOperand()
    {
        var term = ParseTerm();
        if (Peek.Kind != TokenKind.Field || Peek.SpaceBefore)
        {
            return term;
        }

        var fields = new List<string>();
        while (Peek.Kind == TokenKind.Field && !Peek.SpaceBefore)
        {
            fields.Add(Next().Text[1..]);
        }

        return term switch
        {
            FieldNode field => field with { Names = [.. field.Names, .. fields] },
            VariableNode variable => variable with { Fields = [.. variable.Fields, .. fields] },
            LiteralNode or NilNode or DotNode => throw Error(term.Position, $"unexpected . after term \"{term}\""),
            _ => new ChainNode(term.Position, term, [.. fields]),
        };
    }

    private Node ParseTerm()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_functions.Contains(token.Text))
                {
                    throw Error(token.Position, $"function \"{token.Text}\" not defined");
                }

                return new IdentifierNode(token.Position, token.Text);
            case TokenKind.Dot:
                return new DotNode(token.Position);
            case TokenKind.Nil:
                return new NilNode(token.Position);
            case TokenKind.Variable:
                RequireVariable(token.Position, token.Text);
                return new VariableNode(token.Position, token.Text, []);
            case TokenKind.Field:
                return new FieldNode(token.Position, [token.Text[1..]]);
            case TokenKind.Bool:
                return new LiteralNode(token.Position, token.Text == "true", token.Text);
            case TokenKind.Number:
                return new LiteralNode(token.Position, NumberLiteral.Parse(token.Text)!, token.Text);
            case TokenKind.Char:
                return new LiteralNode(token.Position, long.Parse(token.Text, System.Globalization.CultureInfo.InvariantCulture), _source[token.Position..(token.Position + 3)]);
            case TokenKind.String:
                return new LiteralNode(token.Position, token.Text, GoFormat.Quote(token.Text));
            case TokenKind.LeftParen:
                var pipe = ParsePipeline("parenthesized pipeline", allowDeclarations: false, isRange: false);
                Expect(TokenKind.RightParen, "parenthesized pipeline");
                return pipe;
            default:
                throw Error(token.Position, $"unexpected {Describe(token)} in operand");
        }
    }

    private void RequireVariable(int position, string name)
    {
        if (!_variables.Contains(name))
        {
            throw Error(position, $"undefined variable \"{name}\"");
        }
    }

    private void Expect(TokenKind kind, string context)
    {
        var token = Next();
        if (token.Kind != kind)
        {
            throw Error(token.Position, $"unexpected {Describe(token)} in {context}");
        }
    }

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.Eof => "EOF",
        TokenKind.RightDelim => "\"}}\"",
        TokenKind.String => GoFormat.Quote(token.Text),
        _ => $"\"{token.Text}\"",
    };

    private TemplateException Error(int position, string message) =>
        new($"template: {SourcePosition.Describe(_name, _source, position)}: {message}");
}
