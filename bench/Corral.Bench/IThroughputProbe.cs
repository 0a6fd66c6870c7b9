namespace Corral.Bench;

/// <summary>One build under test; measured one repetition at a time so the builds can take turns.</summary>
public interface IThroughputProbe
{
    string Build { get; }

    /// <summary>Prefill and decode tokens/s of one repetition (<paramref name="round"/> counts from 0).</summary>
    Task<(double Prefill, double Decode)> MeasureOnceAsync(int round);
}
