namespace Corral.Store.Registry;

/// <summary>Basic credentials sent to a token realm on the registry's own host, never elsewhere.</summary>
public sealed record RegistryCredentials(string Username, string Password);
