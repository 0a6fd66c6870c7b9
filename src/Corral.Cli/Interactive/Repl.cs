using System.Net;
using Corral.Cli.Commands;
using Corral.Cli.Generation;
using Corral.Cli.Interactive.LineEditing;
using Corral.Client;
using Corral.Contracts.Ollama;

namespace Corral.Cli.Interactive;

/// <summary>
/// The interactive session of <c>corral run MODEL</c> (Ollama's <c>generateInteractive</c>): <c>&gt;&gt;&gt; </c> prompt,
/// <c>"""</c> multi-line input with a <c>... </c> prompt, slash commands, streamed chat answers; Ctrl+C stops an
/// answer, Ctrl+D or <c>/bye</c> leaves. On a terminal the prompt is line-edited with Up/Down recalling the history.
/// </summary>
public sealed class Repl(CliContext context, RunOptions options, ShowResponse show)
{
    private const string TripleQuote = "\"\"\"";
    private readonly ReplSession _session = new(options, show);
    private volatile bool _busy;
    private string _openBlock = "";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await LoadAsync(ct).ConfigureAwait(false);
        await PrintLoadedMessagesAsync().ConfigureAwait(false);
        using var interrupts = Interrupts.Register(OnIdleInterrupt);
        ILineReader input = context.StdinIsTerminal
            ? new TerminalLineReader(context.Stdout, _session.History.Lines)
            : new PlainLineReader(context.Stdin, context.Stdout);
        var pending = new System.Text.StringBuilder();
        var inSystemBlock = false;
        var inPromptBlock = false;
        while (!ct.IsCancellationRequested)
        {
            var (line, interrupted) = await input.ReadLineAsync(inSystemBlock || inPromptBlock ? "... " : ">>> ", ct).ConfigureAwait(false);
            if (interrupted)
            {
                // As in Ollama, Ctrl+C also abandons an open """ block.
                (inSystemBlock, inPromptBlock) = (false, false);
                pending.Clear();
                continue;
            }

            if (line is null)
            {
                await context.Stdout.WriteLineAsync().ConfigureAwait(false);
                return 0;
            }

            _session.History.Add(line);
            if (inSystemBlock || inPromptBlock)
            {
                var closed = line.EndsWith(TripleQuote, StringComparison.Ordinal);
                pending.Append(closed ? line[..^3] : line + "\n");
                if (!closed)
                {
                    continue;
                }

                if (inSystemBlock)
                {
                    await ReplSetCommand.SetSystemAsync(context, _session, pending.ToString()).ConfigureAwait(false);
                    pending.Clear();
                }

                (inSystemBlock, inPromptBlock) = (false, false);
            }
            else if (line.StartsWith(TripleQuote, StringComparison.Ordinal))
            {
                var rest = line[3..];
                inPromptBlock = !(rest.Length >= 3 && rest.EndsWith(TripleQuote, StringComparison.Ordinal));
                pending.Append(inPromptBlock ? rest + "\n" : rest[..^3]);
                if (inPromptBlock)
                {
                    continue;
                }
            }
            else if (line.StartsWith('/') && !IsImagePath(line))
            {
                var command = await CommandAsync(line, ct).ConfigureAwait(false);
                if (command == CommandResult.Exit)
                {
                    return 0;
                }

                if (command is CommandResult.OpenSystemBlock)
                {
                    inSystemBlock = true;
                    pending.Append(_openBlock);
                }

                continue;
            }
            else
            {
                pending.Append(line);
            }

            if (pending.Length > 0)
            {
                await AskAsync(pending.ToString(), ct).ConfigureAwait(false);
                pending.Clear();
            }
        }

        return 0;
    }

    private enum CommandResult
    {
        Continue,
        Exit,
        OpenSystemBlock,
    }

    private async Task<CommandResult> CommandAsync(string line, CancellationToken ct)
    {
        var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (args[0])
        {
            case "/bye" or "/exit":
                return CommandResult.Exit;
            case "/set":
                if (await ReplSetCommand.RunAsync(context, _session, args).ConfigureAwait(false) is { } open)
                {
                    _openBlock = open;
                    return CommandResult.OpenSystemBlock;
                }

                break;
            case "/show":
                await ReplShowCommand.RunAsync(context, _session, args, ct).ConfigureAwait(false);
                break;
            case "/clear":
                _session.Clear();
                await context.Stdout.WriteLineAsync("Cleared session context").ConfigureAwait(false);
                break;
            case "/load":
                await LoadCommandAsync(args, ct).ConfigureAwait(false);
                break;
            case "/save":
                await SaveAsync(args, ct).ConfigureAwait(false);
                break;
            case "/list":
                await context.Stdout.WriteAsync(await ListCommand.RenderAsync(context, null, ct).ConfigureAwait(false)).ConfigureAwait(false);
                break;
            case "/?" or "/help":
                await context.Stderr.WriteAsync((args.Length > 1 ? args[1] : "") switch
                {
                    "set" or "/set" => ReplHelp.Set,
                    "show" or "/show" => ReplHelp.Show,
                    "shortcut" or "shortcuts" => ReplHelp.Shortcuts,
                    _ => ReplHelp.Commands,
                }).ConfigureAwait(false);
                break;
            default:
                await context.Stdout.WriteLineAsync($"Unknown command '{args[0]}'. Type /? for help").ConfigureAwait(false);
                break;
        }

        return CommandResult.Continue;
    }

    /// <summary>A line that starts with the path of an image to attach is a message, not a command (Ollama's
    /// check: its first word begins one of the image paths found in it).</summary>
    private bool IsImagePath(string line) => IsMultimodal
        && ImageAttachments.FindPaths(line).Any(path => path.StartsWith(line.Split(' ')[0], StringComparison.Ordinal));

    private bool IsMultimodal => _session.Show.Capabilities?.Contains("vision") == true;

    private async Task AskAsync(string text, CancellationToken ct)
    {
        List<byte[]> images = [];
        if (IsMultimodal)
        {
            try
            {
                (text, images) = await ImageAttachments.ExtractAsync(text, context.Stderr, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (ImageAttachments.IsFileProblem(e))
            {
                // Ollama ends the session here; the error is already on stderr, so keep the conversation instead.
                return;
            }
        }

        _session.Messages.Add(new Message { Role = "user", Content = text, Images = images.Count > 0 ? images : null });
        _busy = true;
        try
        {
            var answer = await Generator.ChatAsync(context, options, [.. _session.Show.Messages ?? [], .. _session.Messages], ct).ConfigureAwait(false);
            if (answer is not null)
            {
                _session.Messages.Add(answer);
            }
            else
            {
                await context.Stdout.WriteLineAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task LoadCommandAsync(string[] args, CancellationToken ct)
    {
        if (args.Length != 2)
        {
            await context.Stdout.WriteLineAsync("Usage:\n  /load <modelname>").ConfigureAwait(false);
            return;
        }

        await context.Stdout.WriteLineAsync($"Loading model '{args[1]}'").ConfigureAwait(false);
        try
        {
            _session.Show = await context.Client.ShowAsync(new ShowRequest { Model = args[1] }, ct).ConfigureAwait(false);
        }
        catch (StatusException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            await context.Stdout.WriteLineAsync($"Couldn't find model '{args[1]}'").ConfigureAwait(false);
            return;
        }

        options.Model = args[1];
        _session.Messages.Clear();
        await LoadAsync(ct).ConfigureAwait(false);
        await PrintLoadedMessagesAsync().ConfigureAwait(false);
    }

    private async Task SaveAsync(string[] args, CancellationToken ct)
    {
        if (args.Length != 2)
        {
            await context.Stdout.WriteLineAsync("Usage:\n  /save <modelname>").ConfigureAwait(false);
            return;
        }

        var messages = (_session.Show.Messages ?? []).Concat(_session.Messages).ToList();
        var request = new CreateRequest
        {
            Model = args[1],
            // The current model, not its parent (Ollama's choice): it carries everything, and the messages
            // sent here replace its MESSAGE layer rather than stacking on it.
            From = options.Model,
            System = string.IsNullOrEmpty(options.System) ? null : options.System,
            Parameters = options.OptionsOrNull,
            Messages = messages.Count > 0 ? messages : null,
        };
        try
        {
            await foreach (var _ in context.Client.CreateAsync(request, ct).ConfigureAwait(false))
            {
            }
        }
        catch (StatusException e) when (e.ErrorMessage.Contains("invalid model name", StringComparison.OrdinalIgnoreCase))
        {
            await context.Stdout.WriteLineAsync($"error: The model name '{args[1]}' is invalid").ConfigureAwait(false);
            return;
        }

        await context.Stdout.WriteLineAsync($"Created new model '{args[1]}'").ConfigureAwait(false);
    }

    /// <summary>Loads the model before the first prompt (an empty generate), as Ollama does, with a spinner.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        await using var display = context.NewProgress();
        if (display.IsTerminal)
        {
            display.Add(new Progress.Spinner("", display.Now));
        }

        await context.Client.GenerateAsync(new GenerateRequest { Model = options.Model, KeepAlive = options.KeepAlive }, ct).ConfigureAwait(false);
        await display.ClearAsync().ConfigureAwait(false);
    }

    /// <summary>The model's MESSAGE history, shown as a transcript when the session starts.</summary>
    private async Task PrintLoadedMessagesAsync()
    {
        foreach (var message in _session.Show.Messages ?? [])
        {
            var text = message.Role switch
            {
                "user" => $">>> {message.Content}\n",
                "assistant" => message.Content + "\n\n",
                _ => "",
            };
            await context.Stdout.WriteAsync(text).ConfigureAwait(false);
        }
    }

    private void OnIdleInterrupt()
    {
        if (!_busy)
        {
            context.Stdout.Write("\nUse Ctrl + d or /bye to exit.\n>>> ");
            context.Stdout.Flush();
        }
    }
}
