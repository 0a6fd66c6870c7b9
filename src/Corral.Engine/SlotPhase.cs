namespace Corral.Engine;

internal enum SlotPhase
{
    Idle,

    /// <summary>Admitted, holding until its leader has decoded the prompt prefix they share.</summary>
    Waiting,
    Prefill,
    Generating,
}
