namespace Corral.Cli.Generation;

/// <summary>
/// Routes Ctrl+C to the current answer instead of killing the process, as Ollama's CLI does while it streams;
/// disposing the registration restores the default behaviour.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private readonly ConsoleCancelEventHandler _handler;

    private Interrupts(Action onInterrupt)
    {
        _handler = (_, e) =>
        {
            e.Cancel = true;
            onInterrupt();
        };
        Console.CancelKeyPress += _handler;
    }

    public static Interrupts Register(Action onInterrupt) => new(onInterrupt);

    public void Dispose() => Console.CancelKeyPress -= _handler;
}
