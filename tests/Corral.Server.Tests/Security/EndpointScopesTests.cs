using Corral.Server.Security;

namespace Corral.Server.Tests.Security;

/// <summary>The scope table: matched like the router matches, and routes it does not know fall to manage.</summary>
public sealed class EndpointScopesTests
{
    [Theory]
    [InlineData("GET", "/", ApiScope.None)]
    [InlineData("HEAD", "/", ApiScope.None)]
    [InlineData("GET", "/api/tags/", ApiScope.Read)]
    [InlineData("GET", "/v1/models/library/tiny:latest", ApiScope.Read)]
    [InlineData("POST", "/v1/models", ApiScope.Infer)]
    [InlineData("POST", "/v1/messages/count_tokens", ApiScope.Infer)]
    [InlineData("POST", "/api/blobs/sha256:00", ApiScope.Manage)]
    [InlineData("GET", "/debug/vars", ApiScope.Manage)]
    [InlineData("GET", "/API/TAGS", ApiScope.Read)]
    [InlineData("POST", "/V1/Chat/Completions", ApiScope.Infer)]
    public void RouteNeedsScope(string method, string path, ApiScope scope) =>
        Assert.Equal(scope, EndpointScopes.For(method, path));
}
