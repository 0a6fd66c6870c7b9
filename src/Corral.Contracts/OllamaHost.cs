using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Corral.Contracts;

/// <summary>
/// <c>OLLAMA_HOST</c> parsed exactly like Ollama's <c>envconfig.Host()</c>
/// (https://github.com/ollama/ollama/blob/main/envconfig/config.go): scheme defaults to http, port to 11434
/// (80/443 with an explicit scheme), quotes and spaces trimmed, an invalid port falls back to the default.
/// An empty <see cref="Host"/> means all interfaces.
/// </summary>
public sealed record OllamaHost(string Scheme, string Host, int Port, string Path)
{
    public const int DefaultPort = 11434;

    public static OllamaHost Default { get; } = Parse(null);

    /// <summary>Parses a raw <c>OLLAMA_HOST</c> value (null or empty = default).</summary>
    public static OllamaHost Parse(string? value)
    {
        var s = EnvValue.Normalize(value);
        var defaultPort = DefaultPort.ToString(CultureInfo.InvariantCulture);
        string scheme;
        string hostPort;
        var separator = s.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            (scheme, hostPort) = s == "ollama.com" ? ("https", "ollama.com:443") : ("http", s);
        }
        else
        {
            scheme = s[..separator];
            hostPort = s[(separator + 3)..];
            defaultPort = scheme switch { "http" => "80", "https" => "443", _ => defaultPort };
        }
        var path = "";
        var slash = hostPort.IndexOf('/');
        if (slash >= 0)
        {
            path = hostPort[(slash + 1)..];
            hostPort = hostPort[..slash];
        }
        if (!TrySplitHostPort(hostPort, out var host, out var port))
        {
            host = "127.0.0.1";
            port = defaultPort;
            if (TryParseIp(hostPort.Trim('[', ']'), out var ip))
            {
                host = ip.ToString();
            }
            else if (hostPort.Length > 0)
            {
                host = hostPort;
            }
        }
        if (!int.TryParse(port, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var portNumber)
            || portNumber is < 0 or > 65535)
        {
            portNumber = int.Parse(defaultPort, CultureInfo.InvariantCulture);
        }
        return new OllamaHost(scheme, host, portNumber, path.TrimEnd('/'));
    }

    /// <summary>
    /// Go's <c>net.ParseIP</c>: dotted IPv4 or colon IPv6 only. .NET alone would also accept forms like
    /// <c>1234</c> or <c>1.2</c> as IPv4 addresses.
    /// </summary>
    public static bool TryParseIp(string text, [NotNullWhen(true)] out IPAddress? address) =>
        IPAddress.TryParse(text, out address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 ? text.Contains(':') : text.Count(c => c == '.') == 3);

    /// <summary>True when the host is a loopback address or <c>localhost</c> (the Host-header guard applies).</summary>
    public bool IsLoopback =>
        string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (TryParseIp(Host, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary><c>host:port</c> with IPv6 brackets, like Go's <c>net.JoinHostPort</c>.</summary>
    public string HostPort => (Host.Contains(':') ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The URL form Ollama prints, e.g. <c>http://127.0.0.1:11434</c> or <c>https://example.com:443/ollama</c>.</summary>
    public override string ToString() => $"{Scheme}://{HostPort}" + (Path.Length > 0 ? "/" + Path : "");

    // Go's net.SplitHostPort: the port is after the last colon; a bracketed host may contain colons.
    private static bool TrySplitHostPort(string hostPort, out string host, out string port)
    {
        host = "";
        port = "";
        var lastColon = hostPort.LastIndexOf(':');
        if (lastColon < 0)
        {
            return false;
        }
        int afterHost;
        if (hostPort.StartsWith('['))
        {
            var end = hostPort.IndexOf(']');
            if (end < 0 || end + 1 != lastColon)
            {
                return false;
            }
            host = hostPort[1..end];
            afterHost = end + 1;
        }
        else
        {
            host = hostPort[..lastColon];
            if (host.Contains(':'))
            {
                return false;
            }
            afterHost = lastColon;
        }
        if (hostPort[afterHost..].Contains('[') || hostPort[afterHost..].Contains(']') || (!hostPort.StartsWith('[') && hostPort.Contains('[')))
        {
            return false;
        }
        port = hostPort[(lastColon + 1)..];
        return true;
    }
}
