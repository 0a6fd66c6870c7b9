namespace Corral.Bench;

/// <summary>One row of the result table: a measured quantity for Corral and for llama.cpp, and the target
/// for it (on the ratio Corral/llama.cpp unless the target says otherwise).</summary>
public sealed record Figure(string Name, double Corral, double LlamaCpp, string Target)
{
    public double Ratio => Corral / LlamaCpp;
}
