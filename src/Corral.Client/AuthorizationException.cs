using System.Net;

namespace Corral.Client;

/// <summary>
/// A 401 from the server, with the sign-in URL it offered (Go <c>api.AuthorizationError</c>; Ollama sends
/// <c>{"error":"unauthorized","signin_url":"..."}</c> when a remote model needs an ollama.com account).
/// </summary>
public sealed class AuthorizationException : StatusException
{
    /// <summary>Creates the exception from the 401 status line and body fields.</summary>
    public AuthorizationException(string status, string errorMessage, string? signinUrl)
        : base(HttpStatusCode.Unauthorized, status, errorMessage)
    {
        SigninUrl = signinUrl;
    }

    /// <summary>Where the user can sign in, when the server said.</summary>
    public string? SigninUrl { get; }
}
