namespace Corral.Engine.Tests;

/// <summary>Tests that measure the process's CPU time run alone, after the parallel ones, so other test classes'
/// decoding does not count against them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuMeasurementCollection
{
    public const string Name = "CPU measurement";
}
