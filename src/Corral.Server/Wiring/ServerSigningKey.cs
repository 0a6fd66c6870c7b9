using Corral.Store.Registry;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Wiring;

/// <summary>
/// The identity <c>ollama serve</c> keeps in <c>~/.ollama/id_ed25519</c>: created on first start, then used to sign
/// registry token requests (ollama.com links its public key to an account). A key that cannot be read or written
/// (read-only HOME, a corrupt file) only means unsigned requests, so the server still starts.
/// </summary>
internal static class ServerSigningKey
{
    public static RegistrySigningKey? LoadOrCreate(ILogger logger)
    {
        var path = RegistrySigningKey.DefaultPath;
        try
        {
            if (File.Exists(path))
            {
                return RegistrySigningKey.LoadOrCreate(path);
            }

            logger.LogInformation("Couldn't find '{Path}'. Generating new private key.", path);
            var key = RegistrySigningKey.LoadOrCreate(path);
            logger.LogInformation("Your new public key is: {PublicKey}", $"ssh-ed25519 {key.PublicKeyBase64}");
            return key;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            logger.LogWarning("registry requests will not be signed: cannot use {Path}: {Error}", path, e.Message);
            return null;
        }
    }
}
