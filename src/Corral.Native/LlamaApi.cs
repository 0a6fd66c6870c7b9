using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary>
/// The parts of llama.h (v0.5.0) Corral uses. Pointers are raw <see cref="nint"/>: ownership lives in the
/// SafeHandle types, and the token loop must not pay SafeHandle ref-counting per call. C <c>bool</c> is a byte.
/// Call <see cref="LlamaBackend.EnsureInitialized"/> before any of these.
/// </summary>
public static unsafe partial class LlamaApi
{
    public const string Library = "llama";

    [LibraryImport(Library, EntryPoint = "llama_backend_init")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void BackendInit();

    [LibraryImport(Library, EntryPoint = "llama_print_system_info")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint PrintSystemInfo();

    [LibraryImport(Library, EntryPoint = "llama_log_set")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void LogSet(nint callback, nint userData);

    [LibraryImport(Library, EntryPoint = "llama_model_default_params")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial LlamaModelParams ModelDefaultParams();

    [LibraryImport(Library, EntryPoint = "llama_context_default_params")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial LlamaContextParams ContextDefaultParams();

    [LibraryImport(Library, EntryPoint = "llama_sampler_chain_default_params")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial LlamaSamplerChainParams SamplerChainDefaultParams();

    [LibraryImport(Library, EntryPoint = "llama_model_quantize_default_params")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial LlamaModelQuantizeParams ModelQuantizeDefaultParams();

    [LibraryImport(Library, EntryPoint = "llama_model_quantize", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial uint ModelQuantize(string inputPath, string outputPath, in LlamaModelQuantizeParams parameters);

    [LibraryImport(Library, EntryPoint = "llama_model_load_from_file", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint ModelLoadFromFile(string path, LlamaModelParams parameters);

    [LibraryImport(Library, EntryPoint = "llama_model_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void ModelFree(nint model);

    [LibraryImport(Library, EntryPoint = "llama_attach_threadpool")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void AttachThreadpool(nint context, nint threadpool, nint threadpoolBatch);

    [LibraryImport(Library, EntryPoint = "llama_init_from_model")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint InitFromModel(nint model, LlamaContextParams parameters);

    [LibraryImport(Library, EntryPoint = "llama_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void Free(nint context);

    [LibraryImport(Library, EntryPoint = "llama_n_ctx")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial uint NCtx(nint context);

    [LibraryImport(Library, EntryPoint = "llama_n_ctx_seq")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial uint NCtxSeq(nint context);

    [LibraryImport(Library, EntryPoint = "llama_n_batch")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial uint NBatch(nint context);

    [LibraryImport(Library, EntryPoint = "llama_n_seq_max")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial uint NSeqMax(nint context);

    [LibraryImport(Library, EntryPoint = "llama_get_memory")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint GetMemory(nint context);

    [LibraryImport(Library, EntryPoint = "llama_pooling_type")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial LlamaPoolingType PoolingType(nint context);

    [LibraryImport(Library, EntryPoint = "llama_model_get_vocab")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint ModelGetVocab(nint model);

    [LibraryImport(Library, EntryPoint = "llama_model_n_ctx_train")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ModelNCtxTrain(nint model);

    [LibraryImport(Library, EntryPoint = "llama_model_n_embd")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ModelNEmbd(nint model);

    /// <summary>Width of the input embeddings a batch of <c>embd</c> (e.g. image embeddings) must carry.</summary>
    [LibraryImport(Library, EntryPoint = "llama_model_n_embd_inp")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ModelNEmbdInp(nint model);

    [LibraryImport(Library, EntryPoint = "llama_model_n_embd_out")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ModelNEmbdOut(nint model);

    [LibraryImport(Library, EntryPoint = "llama_model_size")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial ulong ModelSize(nint model);

    [LibraryImport(Library, EntryPoint = "llama_model_has_encoder")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte ModelHasEncoder(nint model);

    [LibraryImport(Library, EntryPoint = "llama_model_meta_val_str", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ModelMetaValStr(nint model, string key, byte* buffer, nuint bufferSize);

    [LibraryImport(Library, EntryPoint = "llama_model_chat_template", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint ModelChatTemplate(nint model, string? name);

    [LibraryImport(Library, EntryPoint = "llama_batch_init")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial LlamaBatch BatchInit(int nTokens, int embd, int nSeqMax);

    [LibraryImport(Library, EntryPoint = "llama_batch_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void BatchFree(LlamaBatch batch);

    [LibraryImport(Library, EntryPoint = "llama_set_causal_attn")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void SetCausalAttn(nint context, byte causal);

    [LibraryImport(Library, EntryPoint = "llama_decode")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Decode(nint context, LlamaBatch batch);

    [LibraryImport(Library, EntryPoint = "llama_encode")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Encode(nint context, LlamaBatch batch);

    [LibraryImport(Library, EntryPoint = "llama_memory_clear")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void MemoryClear(nint memory, byte data);

    [LibraryImport(Library, EntryPoint = "llama_memory_seq_rm")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte MemorySeqRm(nint memory, int seqId, int p0, int p1);

    [LibraryImport(Library, EntryPoint = "llama_memory_seq_cp")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void MemorySeqCp(nint memory, int seqIdSrc, int seqIdDst, int p0, int p1);

    [LibraryImport(Library, EntryPoint = "llama_memory_seq_keep")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void MemorySeqKeep(nint memory, int seqId);

    [LibraryImport(Library, EntryPoint = "llama_memory_seq_add")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void MemorySeqAdd(nint memory, int seqId, int p0, int p1, int delta);

    [LibraryImport(Library, EntryPoint = "llama_memory_seq_pos_min")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int MemorySeqPosMin(nint memory, int seqId);

    [LibraryImport(Library, EntryPoint = "llama_memory_seq_pos_max")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int MemorySeqPosMax(nint memory, int seqId);

    [LibraryImport(Library, EntryPoint = "llama_memory_can_shift")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte MemoryCanShift(nint memory);

    [LibraryImport(Library, EntryPoint = "llama_get_logits_ith")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial float* GetLogitsIth(nint context, int i);

    [LibraryImport(Library, EntryPoint = "llama_get_embeddings_ith")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial float* GetEmbeddingsIth(nint context, int i);

    [LibraryImport(Library, EntryPoint = "llama_get_embeddings_seq")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial float* GetEmbeddingsSeq(nint context, int seqId);

    [LibraryImport(Library, EntryPoint = "llama_tokenize")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Tokenize(nint vocab, byte* text, int textLength, int* tokens, int maxTokens,
        byte addSpecial, byte parseSpecial);

    [LibraryImport(Library, EntryPoint = "llama_token_to_piece")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int TokenToPiece(nint vocab, int token, byte* buffer, int length, int lstrip, byte special);

    [LibraryImport(Library, EntryPoint = "llama_detokenize")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Detokenize(nint vocab, int* tokens, int nTokens, byte* text, int textLengthMax,
        byte removeSpecial, byte unparseSpecial);

    [LibraryImport(Library, EntryPoint = "llama_vocab_n_tokens")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int VocabNTokens(nint vocab);

    [LibraryImport(Library, EntryPoint = "llama_vocab_bos")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int VocabBos(nint vocab);

    [LibraryImport(Library, EntryPoint = "llama_vocab_eos")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int VocabEos(nint vocab);

    [LibraryImport(Library, EntryPoint = "llama_vocab_eot")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int VocabEot(nint vocab);

    [LibraryImport(Library, EntryPoint = "llama_vocab_is_eog")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte VocabIsEog(nint vocab, int token);

    [LibraryImport(Library, EntryPoint = "llama_vocab_get_add_bos")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte VocabGetAddBos(nint vocab);

    [LibraryImport(Library, EntryPoint = "llama_sampler_chain_init")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerChainInit(LlamaSamplerChainParams parameters);

    [LibraryImport(Library, EntryPoint = "llama_sampler_chain_add")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void SamplerChainAdd(nint chain, nint sampler);

    [LibraryImport(Library, EntryPoint = "llama_sampler_sample")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int SamplerSample(nint sampler, nint context, int index);

    [LibraryImport(Library, EntryPoint = "llama_sampler_accept")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void SamplerAccept(nint sampler, int token);

    [LibraryImport(Library, EntryPoint = "llama_sampler_reset")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void SamplerReset(nint sampler);

    [LibraryImport(Library, EntryPoint = "llama_sampler_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial void SamplerFree(nint sampler);

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_greedy")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitGreedy();

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_dist")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitDist(uint seed);

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_top_k")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitTopK(int k);

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_top_p")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitTopP(float p, nuint minKeep);

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_min_p")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitMinP(float p, nuint minKeep);

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_typical")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitTypical(float p, nuint minKeep);

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_temp")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitTemp(float temperature);

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_penalties")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitPenalties(int nVocab, int lastN, float repeat, float frequency, float presence);

    [LibraryImport(Library, EntryPoint = "llama_sampler_init_grammar", StringMarshalling = StringMarshalling.Utf8)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    internal static partial nint SamplerInitGrammar(nint vocab, string grammar, string root);

    [LibraryImport(Library, EntryPoint = "llama_perf_context")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial LlamaPerfContextData PerfContext(nint context);
}
