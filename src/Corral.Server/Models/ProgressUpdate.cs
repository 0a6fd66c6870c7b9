using Corral.Contracts.Ollama;
using Corral.Server.Http;

namespace Corral.Server.Models;

/// <summary>One step of a create/pull/push: a progress line, or the error that ends the operation.</summary>
public sealed record ProgressUpdate(ProgressResponse? Progress, ApiError? Error)
{
    public static ProgressUpdate Of(ProgressResponse progress) => new(progress, null);

    public static ProgressUpdate Fail(ApiError error) => new(null, error);
}
