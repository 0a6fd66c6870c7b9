using Corral.Contracts.Ollama;
using Microsoft.Extensions.AI;

namespace Corral.Client.AI;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over <c>/api/embed</c>: one request for the whole batch,
/// L2-normalized vectors, <see cref="EmbeddingGenerationOptions.Dimensions"/> sent as <c>dimensions</c>.
/// </summary>
public sealed class CorralEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly CorralClient _client;
    private readonly string? _defaultModel;

    /// <summary>Creates the generator; <paramref name="defaultModel"/> is used when <see cref="EmbeddingGenerationOptions.ModelId"/> is not set.</summary>
    public CorralEmbeddingGenerator(CorralClient client, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _defaultModel = defaultModel;
        Metadata = new EmbeddingGeneratorMetadata("corral", client.BaseAddress, defaultModel);
    }

    /// <summary>Provider name, server URI and default model.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var model = options?.ModelId ?? _defaultModel
            ?? throw new InvalidOperationException("No model: set EmbeddingGenerationOptions.ModelId or give the generator a default model.");
        var response = await _client.EmbedAsync(new EmbedRequest
        {
            Model = model,
            Input = values.ToArray(),
            Dimensions = options?.Dimensions ?? 0,
        }, cancellationToken).ConfigureAwait(false);
        var createdAt = DateTimeOffset.UtcNow;
        return new GeneratedEmbeddings<Embedding<float>>(response.Embeddings.Select(v => new Embedding<float>(v)
        {
            ModelId = response.Model,
            CreatedAt = createdAt,
        }))
        {
            Usage = new UsageDetails { InputTokenCount = response.PromptEvalCount, TotalTokenCount = response.PromptEvalCount },
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
            : serviceType == typeof(CorralClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the <see cref="CorralClient"/> belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
