using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Corral.Contracts;

namespace Corral.Server.Hosting;

/// <summary>
/// DNS-rebinding protection of Ollama's <c>allowedHostsMiddleware</c>: when bound to loopback, a request whose
/// Host is not local (localhost, this machine, *.localhost/.local/.internal, or a loopback/private/unspecified/
/// local-interface IP) is refused with an empty 403. Allowed OPTIONS requests end with 204.
/// </summary>
public sealed class HostGuardMiddleware(RequestDelegate next, ServerConfig config)
{
    private static readonly string[] _localSuffixes = [".localhost", ".local", ".internal"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!config.Host.IsLoopback)
        {
            return next(context);
        }
        var host = StripPort(context.Request.Host.Value ?? "");
        if (OllamaHost.TryParseIp(host, out var address))
        {
            if (IsLocalAddress(address))
            {
                return next(context);
            }
        }
        else if (IsAllowedName(host))
        {
            if (HttpMethods.IsOptions(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            }
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static string StripPort(string host)
    {
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']');
            return end > 0 ? host[1..end] : host;
        }
        var colon = host.LastIndexOf(':');
        return colon >= 0 && host.IndexOf(':') == colon ? host[..colon] : host;
    }

    private static bool IsAllowedName(string host)
    {
        host = host.ToLowerInvariant();
        return host.Length == 0
            || host == "localhost"
            || host == Dns.GetHostName().ToLowerInvariant()
            || _localSuffixes.Any(suffix => host.EndsWith(suffix, StringComparison.Ordinal));
    }

    private static bool IsLocalAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IsPrivate(address))
        {
            return true;
        }
        return NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(network => network.GetIPProperties().UnicastAddresses)
            .Any(unicast => unicast.Address.Equals(address));
    }

    // Go's netip.Addr.IsPrivate: 10/8, 172.16/12, 192.168/16, fc00::/7.
    private static bool IsPrivate(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? bytes[0] == 10 || (bytes[0] == 172 && (bytes[1] & 0xf0) == 16) || (bytes[0] == 192 && bytes[1] == 168)
            : (bytes[0] & 0xfe) == 0xfc;
    }
}
