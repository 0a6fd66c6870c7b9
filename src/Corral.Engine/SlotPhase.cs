namespace Corral.Engine;

internal enum SlotPhase
{
    Idle,
    Prefill,
    Generating,
}
