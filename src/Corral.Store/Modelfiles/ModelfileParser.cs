using System.Text.RegularExpressions;

namespace Corral.Store.Modelfiles;

/// <summary>
/// Parses Modelfile text (https://github.com/ollama/ollama/blob/main/parser/parser.go): case-insensitive
/// instructions, <c>#</c> comment lines, values to end of line, <c>"…"</c> and <c>"""…"""</c> values that may
/// span lines. Errors carry line and column; messages match Ollama's where it has one.
/// </summary>
public static partial class ModelfileParser
{
    private static readonly string[] Instructions =
        ["from", "license", "template", "system", "adapter", "draft", "renderer", "parser", "parameter", "message", "requires"];

    public static IReadOnlyList<ModelfileCommand> Parse(string text)
    {
        var scanner = new ModelfileScanner(text.TrimStart('\uFEFF'));
        var commands = new List<ModelfileCommand>();
        while (true)
        {
            scanner.SkipWhitespace();
            if (scanner.AtEnd)
            {
                break;
            }

            if (scanner.Peek == '#')
            {
                scanner.SkipLine();
                continue;
            }

            commands.Add(ParseCommand(scanner));
        }

        if (!commands.Any(c => c.Instruction == "from"))
        {
            throw new ModelfileParseException("no FROM line", scanner.Line, scanner.Column);
        }

        return commands;
    }

    private static ModelfileCommand ParseCommand(ModelfileScanner scanner)
    {
        var (line, column) = (scanner.Line, scanner.Column);
        var instruction = scanner.ReadWord().ToLowerInvariant();
        if (!Instructions.Contains(instruction))
        {
            throw new ModelfileParseException(
                $"(line {line}): command must be one of \"from\", \"license\", \"template\", \"system\", \"adapter\", " +
                "\"draft\", \"renderer\", \"parser\", \"parameter\", \"message\", or \"requires\"", line, column);
        }

        string? key = null;
        if (instruction is "parameter" or "message")
        {
            RequireValue(scanner, instruction, line);
            var (keyLine, keyColumn) = (scanner.Line, scanner.Column);
            key = scanner.ReadWord();
            if (instruction == "parameter" && !ParameterNamePattern().IsMatch(key))
            {
                throw new ModelfileParseException($"(line {keyLine}): invalid parameter name \"{key}\"", keyLine, keyColumn);
            }

            if (instruction == "message" && key is not ("system" or "user" or "assistant"))
            {
                throw new ModelfileParseException(
                    "message role must be one of \"system\", \"user\", or \"assistant\"", keyLine, keyColumn);
            }
        }

        RequireValue(scanner, instruction, line);
        var (valueLine, valueColumn) = (scanner.Line, scanner.Column);
        var value = ReadValue(scanner);
        if (instruction == "requires" && !SemverPattern().IsMatch(value))
        {
            throw new ModelfileParseException("requires must be a valid semver (e.g. 0.14.0)", valueLine, valueColumn);
        }

        return new ModelfileCommand(instruction, key, value, line, column);
    }

    private static void RequireValue(ModelfileScanner scanner, string instruction, int line)
    {
        scanner.SkipSpaces();
        if (scanner.AtEnd || scanner.Peek == '\n')
        {
            throw new ModelfileParseException(
                $"(line {line}): missing value for {instruction.ToUpperInvariant()}", scanner.Line, scanner.Column);
        }
    }

    private static string ReadValue(ModelfileScanner scanner)
    {
        var (line, column) = (scanner.Line, scanner.Column);
        string value;
        if (scanner.StartsWith("\"\"\""))
        {
            value = scanner.ReadQuoted("\"\"\"", line, column);
        }
        else if (scanner.Peek == '"')
        {
            value = scanner.ReadQuoted("\"", line, column);
        }
        else
        {
            return scanner.ReadLine().Trim();
        }

        var (restLine, restColumn) = (scanner.Line, scanner.Column);
        if (scanner.ReadLine().Trim().Length > 0)
        {
            throw new ModelfileParseException(
                $"(line {restLine}): unexpected text after closing quote", restLine, restColumn);
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex ParameterNamePattern();

    // golang.org/x/mod/semver with an optional leading "v" (vMAJOR[.MINOR[.PATCH]][-pre][+build]).
    [GeneratedRegex(@"^v?(0|[1-9]\d*)(\.(0|[1-9]\d*)(\.(0|[1-9]\d*))?)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemverPattern();
}
