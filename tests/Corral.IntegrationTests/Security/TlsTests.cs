using System.Net;
using System.Security.Authentication;
using Corral.Client;
using Corral.IntegrationTests.Infrastructure;
using Corral.Server.Hosting;
using Corral.Server.Security;

namespace Corral.IntegrationTests.Security;

/// <summary>Acceptance 5 of issue 11, second half: CORRAL_TLS_CERT/KEY make the real server speak https only.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task ServesHttpsOnTheConfiguredCertificateAndNothingElse()
    {
        using var certificate = new TestCertificate();
        await using var server = await RealServer.StartAsync(config => config with
        {
            Tls = new TlsFiles(certificate.CertificatePath, certificate.KeyPath),
            ApiKeys = ApiKeySet.Load("tls-test-key read", ""),
        });
        var address = server.Server.Address;
        Assert.Equal("https", address.Scheme);

        using var trusting = new HttpClient(certificate.TrustingHandler()) { BaseAddress = address };
        using var version = await trusting.GetAsync("api/version");
        Assert.Equal(HttpStatusCode.Unauthorized, version.StatusCode);
        using var client = new CorralClient(trusting, "tls-test-key");
        Assert.NotEmpty(await client.VersionAsync());
        Assert.Empty((await client.ListAsync()).Models);

        // A client that does not trust the certificate refuses it; plain http on the port gets no answer.
        using var untrusting = new HttpClient { BaseAddress = address };
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("api/version"));
        Assert.IsType<AuthenticationException>(refused.InnerException);
        using var plain = new HttpClient { BaseAddress = new UriBuilder(address) { Scheme = "http" }.Uri };
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync("api/version"));
    }

    [Fact]
    public async Task UnreadableCertificateStopsTheServerWithoutStartingIt()
    {
        var error = await Assert.ThrowsAsync<ServerConfigException>(() => RealServer.StartAsync(config => config with
        {
            Tls = new TlsFiles("/nonexistent/cert.pem", "/nonexistent/key.pem"),
        }));

        Assert.StartsWith("cannot load the TLS certificate /nonexistent/cert.pem", error.Message);
    }
}
