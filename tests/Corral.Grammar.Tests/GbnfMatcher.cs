namespace Corral.Grammar.Tests;

/// <summary>
/// A small GBNF interpreter (one rule per line; literals, character classes, groups, rule references,
/// <c>? * + {m,n}</c>) to check that generated grammars accept and reject the right texts without a model.
/// Matching returns every position a rule can end at, so alternatives need no backtracking.
/// </summary>
public sealed class GbnfMatcher
{
    private readonly Dictionary<string, Node> _rules = [];
    private readonly Dictionary<(string, int), HashSet<int>> _memo = [];
    private string _input = "";

    public GbnfMatcher(string grammar)
    {
        foreach (var line in grammar.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf(" ::= ", StringComparison.Ordinal);
            var parser = new Parser(line[(separator + 5)..]);
            _rules[line[..separator].Trim()] = parser.ParseAll();
        }
    }

    public bool Matches(string input)
    {
        _input = input;
        _memo.Clear();
        return Ends(new Reference("root"), 0).Contains(input.Length);
    }

    private HashSet<int> Ends(Node node, int position) => node switch
    {
        Literal literal => position + literal.Text.Length <= _input.Length
                           && string.CompareOrdinal(_input, position, literal.Text, 0, literal.Text.Length) == 0
            ? [position + literal.Text.Length]
            : [],
        CharClass charClass => position < _input.Length && charClass.Matches(_input[position]) ? [position + 1] : [],
        Reference reference => RuleEnds(reference.Name, position),
        Sequence sequence => sequence.Items.Aggregate(new HashSet<int> { position },
            (starts, item) => starts.SelectMany(start => Ends(item, start)).ToHashSet()),
        Choice choice => choice.Alternatives.SelectMany(alternative => Ends(alternative, position)).ToHashSet(),
        Repeat repeat => RepeatEnds(repeat, position),
        _ => throw new InvalidOperationException(),
    };

    private HashSet<int> RuleEnds(string name, int position)
    {
        if (!_memo.TryGetValue((name, position), out var ends))
        {
            ends = Ends(_rules.TryGetValue(name, out var rule) ? rule : throw new KeyNotFoundException($"undefined rule {name}"), position);
            _memo[(name, position)] = ends;
        }

        return ends;
    }

    private HashSet<int> RepeatEnds(Repeat repeat, int position)
    {
        var result = repeat.Min == 0 ? new HashSet<int> { position } : [];
        var current = new HashSet<int> { position };
        var seen = new HashSet<int>();
        for (var count = 1; count <= repeat.Max && current.Count > 0; count++)
        {
            current = current.SelectMany(start => Ends(repeat.Item, start)).ToHashSet();
            if (count >= repeat.Min)
            {
                current.ExceptWith(repeat.Max == int.MaxValue ? seen : []);
                seen.UnionWith(current);
                result.UnionWith(current);
            }
        }

        return result;
    }

    private abstract record Node;

    private sealed record Literal(string Text) : Node;

    private sealed record CharClass(bool Negated, List<(char From, char To)> Ranges) : Node
    {
        public bool Matches(char c) => Ranges.Any(r => c >= r.From && c <= r.To) != Negated;
    }

    private sealed record Reference(string Name) : Node;

    private sealed record Sequence(List<Node> Items) : Node;

    private sealed record Choice(List<Node> Alternatives) : Node;

    private sealed record Repeat(Node Item, int Min, int Max) : Node;

    private sealed class Parser(string text)
    {
        private int _position;

        public Node ParseAll()
        {
            var node = ParseChoice();
            SkipSpace();
            return _position == text.Length ? node : throw new FormatException($"unexpected '{text[_position..]}'");
        }

        private Node ParseChoice()
        {
            var alternatives = new List<Node> { ParseSequence() };
            while (Peek() == '|')
            {
                _position++;
                alternatives.Add(ParseSequence());
            }

            return alternatives.Count == 1 ? alternatives[0] : new Choice(alternatives);
        }

        private Node ParseSequence()
        {
            var items = new List<Node>();
            while (Peek() is { } c && c != '|' && c != ')')
            {
                items.Add(ParseRepetition(ParseElement()));
            }

            return new Sequence(items);
        }

        private Node ParseElement()
        {
            var c = Peek();
            _position++;
            switch (c)
            {
                case '"':
                    var literal = new System.Text.StringBuilder();
                    while (text[_position] != '"')
                    {
                        literal.Append(ReadChar());
                    }

                    _position++;
                    return new Literal(literal.ToString());
                case '[':
                    var negated = text[_position] == '^';
                    _position += negated ? 1 : 0;
                    var ranges = new List<(char, char)>();
                    while (text[_position] != ']')
                    {
                        var from = ReadChar();
                        var to = from;
                        if (text[_position] == '-' && text[_position + 1] != ']')
                        {
                            _position++;
                            to = ReadChar();
                        }

                        ranges.Add((from, to));
                    }

                    _position++;
                    return new CharClass(negated, ranges);
                case '(':
                    var group = ParseChoice();
                    _position = Peek() == ')' ? _position + 1 : throw new FormatException("missing )");
                    return group;
                default:
                    var start = _position - 1;
                    while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '-'))
                    {
                        _position++;
                    }

                    return _position > start + 1 || char.IsAsciiLetterOrDigit(text[start])
                        ? new Reference(text[start.._position])
                        : throw new FormatException($"unexpected '{text[start]}' in {text}");
            }
        }

        private Node ParseRepetition(Node item)
        {
            if (_position >= text.Length)
            {
                return item;
            }

            switch (text[_position])
            {
                case '*': _position++; return new Repeat(item, 0, int.MaxValue);
                case '+': _position++; return new Repeat(item, 1, int.MaxValue);
                case '?': _position++; return new Repeat(item, 0, 1);
                case '{':
                    var end = text.IndexOf('}', _position);
                    var bounds = text[(_position + 1)..end].Split(',');
                    _position = end + 1;
                    var min = int.Parse(bounds[0]);
                    var max = bounds.Length == 1 ? min : bounds[1].Length == 0 ? int.MaxValue : int.Parse(bounds[1]);
                    return new Repeat(item, min, max);
                default:
                    return item;
            }
        }

        private char ReadChar()
        {
            var c = text[_position++];
            if (c != '\\')
            {
                return c;
            }

            var escaped = text[_position++];
            switch (escaped)
            {
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'x':
                    _position += 2;
                    return (char)Convert.ToInt32(text[(_position - 2).._position], 16);
                default: return escaped;
            }
        }

        private char? Peek()
        {
            SkipSpace();
            return _position < text.Length ? text[_position] : null;
        }

        private void SkipSpace()
        {
            while (_position < text.Length && text[_position] == ' ')
            {
                _position++;
            }
        }
    }
}
