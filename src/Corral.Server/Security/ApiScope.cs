namespace Corral.Server.Security;

/// <summary>
/// What an API key may do. The scopes are independent (manage does not imply read) so a key handed to an
/// inference client cannot list, pull or delete models, and an admin key is simply all three.
/// </summary>
[Flags]
public enum ApiScope
{
    None = 0,

    /// <summary>Model listing and metadata: tags, show, ps, version, GET /v1/models.</summary>
    Read = 1,

    /// <summary>Running models: generate, chat, embed(dings), the OpenAI and Anthropic APIs.</summary>
    Infer = 2,

    /// <summary>Changing the store: create, copy, delete, pull, push, blobs.</summary>
    Manage = 4,

    All = Read | Infer | Manage,
}
