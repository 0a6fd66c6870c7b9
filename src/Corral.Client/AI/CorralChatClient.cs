using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Corral.Client.AI;

/// <summary>
/// <see cref="IChatClient"/> over <c>/api/chat</c> of a Corral or Ollama server: messages, images, tools
/// (function calls and results), thinking, response format (<c>"json"</c> or a JSON schema) and streaming.
/// <see cref="ChatOptions.AdditionalProperties"/> entries become Ollama options by name, except <c>think</c>.
/// </summary>
public sealed class CorralChatClient : IChatClient
{
    private readonly CorralClient _client;
    private readonly string? _defaultModel;

    /// <summary>Creates the chat client; <paramref name="defaultModel"/> is used when <see cref="ChatOptions.ModelId"/> is not set.</summary>
    public CorralChatClient(CorralClient client, string? defaultModel = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _defaultModel = defaultModel;
        Metadata = new ChatClientMetadata("corral", client.BaseAddress, defaultModel);
    }

    /// <summary>Provider name, server URI and default model.</summary>
    public ChatClientMetadata Metadata { get; }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var request = ChatRequestMapper.Map(messages, options, _defaultModel, stream: false);
        var response = await _client.ChatAsync(request, cancellationToken).ConfigureAwait(false);
        var contents = ChatResponseMapper.Contents(response.Message);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents) { RawRepresentation = response.Message })
        {
            ModelId = response.Model,
            CreatedAt = response.CreatedAt,
            FinishReason = ChatResponseMapper.FinishReason(response, contents.OfType<FunctionCallContent>().Any()),
            Usage = ChatResponseMapper.Usage(response),
            RawRepresentation = response,
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = ChatRequestMapper.Map(messages, options, _defaultModel, stream: true);
        var responseId = Guid.NewGuid().ToString("N");
        var sawToolCalls = false;
        await foreach (var chunk in _client.ChatStreamAsync(request, cancellationToken).ConfigureAwait(false))
        {
            var contents = ChatResponseMapper.Contents(chunk.Message);
            sawToolCalls |= contents.OfType<FunctionCallContent>().Any();
            if (ChatResponseMapper.Usage(chunk) is { } usage)
            {
                contents.Add(new UsageContent(usage));
            }
            yield return new ChatResponseUpdate(ChatRole.Assistant, contents)
            {
                ResponseId = responseId,
                MessageId = responseId,
                ModelId = chunk.Model,
                CreatedAt = chunk.CreatedAt,
                FinishReason = ChatResponseMapper.FinishReason(chunk, sawToolCalls),
                RawRepresentation = chunk,
            };
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? Metadata
            : serviceType == typeof(CorralClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Nothing to release: the <see cref="CorralClient"/> belongs to the caller.</summary>
    public void Dispose()
    {
    }
}
