using System.Net;
using System.Net.Sockets;

namespace Corral.Store.Registry;

/// <summary>
/// Refuses registry and redirect targets on private or link-local addresses: an unauthenticated <c>/api/pull</c>
/// must not become an SSRF into the LAN or cloud metadata (ollama#16236). Loopback stays allowed because local
/// registries and tests live there.
/// </summary>
public static class RegistryHostGuard
{
    public static async Task EnsureAllowedAsync(Uri uri, RegistryOptions options, CancellationToken cancellationToken)
    {
        if (options.AllowPrivateHosts)
            return;
        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.IdnHost, out var literal))
            addresses = [literal];
        else if (IsProxied(uri, options))
            return; // The proxy resolves the name; we may not even be able to (corporate networks).
        else
            addresses = await ResolveAsync(uri, cancellationToken).ConfigureAwait(false);
        if (addresses.FirstOrDefault(IsPrivate) is { } blocked)
            throw new RegistryException(RegistryErrorKind.HostNotAllowed,
                $"registry host \"{uri.Host}\" resolves to a private address ({blocked}); pulling from private networks is disabled");
    }

    private static async Task<IPAddress[]> ResolveAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            // Like Go's "dial tcp: lookup <host>: no such host"; not retried, a wrong name stays wrong.
            throw new RegistryException(RegistryErrorKind.RegistryError, $"lookup {uri.Host}: {e.Message}", e);
        }
    }

    private static bool IsProxied(Uri uri, RegistryOptions options)
    {
        var proxy = options.Proxy ?? HttpClient.DefaultProxy;
        return !proxy.IsBypassed(uri) && proxy.GetProxy(uri) is { } via && via != uri;
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address))
            return false;
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return bytes[0] == 10 || bytes[0] == 0
                || (bytes[0] == 172 && (bytes[1] & 0xF0) == 16)
                || (bytes[0] == 192 && bytes[1] == 168)
                || (bytes[0] == 169 && bytes[1] == 254);
        return address.Equals(IPAddress.IPv6Any)
            || (bytes[0] & 0xFE) == 0xFC
            || (bytes[0] == 0xFE && (bytes[1] & 0xC0) == 0x80);
    }
}
