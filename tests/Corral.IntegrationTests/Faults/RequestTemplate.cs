namespace Corral.IntegrationTests.Faults;

/// <summary>
/// A valid request the fuzzer mutates. <paramref name="Inference"/> marks bodies whose token limits are kept small
/// after mutation; <paramref name="Registry"/> marks pull/push, whose model names are kept on the local registry.
/// </summary>
public sealed record RequestTemplate(string Method, string Path, string? Body, bool Inference = false, bool Registry = false);
