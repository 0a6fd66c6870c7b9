using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Corral.Client;
using Corral.IntegrationTests.Infrastructure;
using Corral.Server.Security;

namespace Corral.IntegrationTests.Security;

/// <summary>
/// Acceptance 5 of issue 11: with keys configured, every endpoint against every credential (none, an unknown key,
/// and a key for each scope). A key with the route's scope gets the endpoint's real answer (so the request truly
/// reached it); any other key gets 403; no key or an unknown one gets 401 with a Bearer challenge.
/// The class of GHSA-f6mr-38g8-39rg / CVE-2025-63389 in the security history: model management open to every caller.
/// </summary>
public sealed class ScopeEnforcementTests(KeyedServerFixture fixture) : IClassFixture<KeyedServerFixture>
{
    private const string Missing = "missing-model";
    private static readonly string _zeroDigest = "sha256:" + new string('0', 64);

    // Route, scope, request body, the status an authorized caller gets. Bodies are chosen to be cheap and
    // repeatable (a missing model, an invalid name) except where a real success is cheap too.
    private static readonly (string Method, string Path, ApiScope Scope, string? Body, int Authorized)[] _endpoints =
    [
        ("GET", "/", ApiScope.None, null, 200),
        ("HEAD", "/", ApiScope.None, null, 200),
        ("GET", "/api/version", ApiScope.Read, null, 200),
        ("GET", "/api/tags", ApiScope.Read, null, 200),
        ("POST", "/api/show", ApiScope.Read, """{"model":"tiny"}""", 200),
        ("GET", "/api/ps", ApiScope.Read, null, 200),
        ("GET", "/v1/models", ApiScope.Read, null, 200),
        ("GET", "/v1/models/tiny", ApiScope.Read, null, 200),
        ("POST", "/api/generate", ApiScope.Infer, """{"model":"tiny","prompt":"hi","stream":false,"options":{"num_predict":2}}""", 200),
        ("POST", "/api/chat", ApiScope.Infer, $$"""{"model":"{{Missing}}","messages":[{"role":"user","content":"hi"}]}""", 404),
        ("POST", "/api/embed", ApiScope.Infer, $$"""{"model":"{{Missing}}","input":"hi"}""", 404),
        ("POST", "/api/embeddings", ApiScope.Infer, $$"""{"model":"{{Missing}}","prompt":"hi"}""", 404),
        ("POST", "/v1/chat/completions", ApiScope.Infer, $$"""{"model":"{{Missing}}","messages":[{"role":"user","content":"hi"}]}""", 404),
        ("POST", "/v1/completions", ApiScope.Infer, $$"""{"model":"{{Missing}}","prompt":"hi"}""", 404),
        ("POST", "/v1/embeddings", ApiScope.Infer, $$"""{"model":"{{Missing}}","input":"hi"}""", 404),
        ("POST", "/v1/responses", ApiScope.Infer, $$"""{"model":"{{Missing}}","input":"hi"}""", 404),
        ("POST", "/v1/messages", ApiScope.Infer, $$"""{"model":"{{Missing}}","max_tokens":4,"messages":[{"role":"user","content":"hi"}]}""", 404),
        ("POST", "/v1/messages/count_tokens", ApiScope.Infer, $$"""{"model":"{{Missing}}","messages":[{"role":"user","content":"hi"}]}""", 404),
        ("POST", "/api/create", ApiScope.Manage, """{"model":"tiny-derived","from":"tiny","stream":false}""", 200),
        ("POST", "/api/copy", ApiScope.Manage, """{"source":"tiny","destination":"tiny-copy"}""", 200),
        ("DELETE", "/api/delete", ApiScope.Manage, $$"""{"model":"{{Missing}}"}""", 404),
        ("POST", "/api/pull", ApiScope.Manage, """{"model":"not a name!","stream":false}""", 400),
        ("POST", "/api/push", ApiScope.Manage, """{"model":"","stream":false}""", 400),
        ("HEAD", $"/api/blobs/{_zeroDigest}", ApiScope.Manage, null, 404),
        ("POST", $"/api/blobs/{_zeroDigest}", ApiScope.Manage, "not the zero digest", 400),
        ("GET", "/debug/vars", ApiScope.Manage, null, 404),
    ];

    private static readonly (string Name, string? Key, ApiScope Scopes)[] _credentials =
    [
        ("no key", null, ApiScope.None),
        ("unknown key", "corral-test-wrong-key", ApiScope.None),
        ("read key", KeyedServerFixture.ReadKey, ApiScope.Read),
        ("infer key", KeyedServerFixture.InferKey, ApiScope.Infer),
        ("manage key", KeyedServerFixture.ManageKey, ApiScope.Manage),
    ];

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var endpoint in _endpoints)
        {
            foreach (var credential in _credentials)
            {
                data.Add(endpoint.Method, endpoint.Path, credential.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachScopeIsEnforcedOnEachEndpoint(string method, string path, string credentialName)
    {
        var endpoint = _endpoints.Single(e => e.Method == method && e.Path == path);
        var credential = _credentials.Single(c => c.Name == credentialName);
        var expected = endpoint.Scope == ApiScope.None || (credential.Scopes & endpoint.Scope) != 0 ? endpoint.Authorized
            : credential.Scopes == ApiScope.None ? 401
            : 403;

        using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
        if (endpoint.Body is not null)
        {
            request.Content = new StringContent(endpoint.Body, Encoding.UTF8, "application/json");
        }
        if (credential.Key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Key);
        }
        using var response = await fixture.Server.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(expected == (int)response.StatusCode, $"{method} {path} with {credentialName}: {(int)response.StatusCode} {body}");
        if (expected is 401 or 403 && method != "HEAD")
        {
            using var error = JsonDocument.Parse(body);
            Assert.StartsWith(expected == 401 ? "unauthorized: " : "forbidden: ", error.RootElement.GetProperty("error").GetString());
        }
        if (expected == 401)
        {
            Assert.Equal("Bearer realm=\"corral\"", response.Headers.WwwAuthenticate.ToString());
        }
    }

    [Fact]
    public async Task AnthropicClientsMayPresentTheKeyAsXApiKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages/count_tokens")
        {
            Content = new StringContent("""{"model":"tiny","messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", KeyedServerFixture.InferKey);

        using var response = await fixture.Server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CorralClientSendsItsKeyOnEveryRequest()
    {
        using var withKey = new CorralClient(fixture.Server.Server.Address, KeyedServerFixture.ReadKey);
        using var withoutKey = new CorralClient(fixture.Server.Server.Address);

        var models = await withKey.ListAsync();
        Assert.Contains(models.Models, m => m.Name == KeyedServerFixture.Model);
        Assert.NotEmpty(await withKey.VersionAsync());
        var refused = await Assert.ThrowsAsync<AuthorizationException>(() => withoutKey.ListAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var forbidden = await Assert.ThrowsAsync<StatusException>(() =>
            withKey.DeleteAsync(new Corral.Contracts.Ollama.DeleteRequest { Model = KeyedServerFixture.Model }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains(KeyedServerFixture.Model, (await withKey.ListAsync()).Models.Select(m => m.Name));
    }
}
