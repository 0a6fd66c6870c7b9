using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Corral.Server.Security;

namespace Corral.Server.Hosting;

/// <summary><c>CORRAL_TLS_CERT</c> and <c>CORRAL_TLS_KEY</c>: PEM certificate (chain) and private key; with both set the server speaks https only.</summary>
public sealed record TlsFiles(string CertificatePath, string KeyPath)
{
    /// <summary>Both variables or neither: one alone is a mistake that would otherwise silently serve plain http.</summary>
    public static TlsFiles? FromVariables(string certificatePath, string keyPath) => (certificatePath.Length, keyPath.Length) switch
    {
        (0, 0) => null,
        (> 0, > 0) => new TlsFiles(certificatePath, keyPath),
        _ => throw new ServerConfigException("CORRAL_TLS_CERT and CORRAL_TLS_KEY must be set together"),
    };

    public X509Certificate2 Load()
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new ServerConfigException($"cannot load the TLS certificate {CertificatePath} with key {KeyPath}: {e.Message}");
        }
    }
}
