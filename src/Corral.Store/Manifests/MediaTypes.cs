namespace Corral.Store.Manifests;

/// <summary>Manifest and layer media types, exactly as Ollama writes them (reference §3).</summary>
public static class MediaTypes
{
    public const string Manifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string Config = "application/vnd.docker.container.image.v1+json";
    public const string Model = "application/vnd.ollama.image.model";
    public const string Projector = "application/vnd.ollama.image.projector";
    public const string Adapter = "application/vnd.ollama.image.adapter";
    public const string Draft = "application/vnd.ollama.image.draft";
    public const string Template = "application/vnd.ollama.image.template";

    /// <summary>Legacy template media type, still read.</summary>
    public const string Prompt = "application/vnd.ollama.image.prompt";
    public const string System = "application/vnd.ollama.image.system";
    public const string Params = "application/vnd.ollama.image.params";
    public const string Messages = "application/vnd.ollama.image.messages";
    public const string License = "application/vnd.ollama.image.license";
}
