namespace Corral.Engine;

/// <summary>Work that must run on the loop thread between decode iterations (it touches the llama context).</summary>
internal abstract class ControlWork
{
    public abstract void Execute(BatchLoop loop);

    public abstract void Fail(Exception error);
}
