using System.Diagnostics;

namespace Corral.Native.Tests;

/// <summary>
/// Compiles a tiny C program against the pinned llama.h and mtmd.h (from the cache native/fetch.sh fills, the same one the
/// build uses) and returns the sizeof/offsetof values it prints, keyed "struct" or "struct.field".
/// </summary>
internal static class HeaderLayoutProbe
{
    public static readonly Dictionary<string, string[]> Fields = new()
    {
        ["llama_model_params"] = ["devices", "tensor_buft_overrides", "n_gpu_layers", "split_mode", "load_mode",
            "lazy_mode", "main_gpu", "tensor_split", "progress_callback", "progress_callback_user_data", "kv_overrides",
            "vocab_only", "check_tensors", "use_extra_bufts", "no_host", "no_alloc", "load_mtp"],
        ["llama_context_params"] = ["n_ctx", "n_batch", "n_ubatch", "n_seq_max", "n_rs_seq", "n_outputs_max",
            "n_outputs_max_per_seq", "n_threads", "n_threads_batch", "ctx_type", "rope_scaling_type", "pooling_type",
            "attention_type", "flash_attn_type", "rope_freq_base", "rope_freq_scale", "yarn_ext_factor",
            "yarn_attn_factor", "yarn_beta_fast", "yarn_beta_slow", "yarn_orig_ctx", "defrag_thold", "cb_eval",
            "cb_eval_user_data", "type_k", "type_v", "abort_callback", "abort_callback_data", "embeddings",
            "offload_kqv", "no_perf", "op_offload", "swa_full", "kv_unified", "samplers", "n_samplers", "ctx_other"],
        ["llama_batch"] = ["n_tokens", "token", "embd", "pos", "n_seq_id", "seq_id", "logits"],
        ["llama_model_quantize_params"] = ["nthread", "ftype", "output_tensor_type", "token_embedding_type",
            "allow_requantize", "quantize_output_tensor", "only_copy", "pure", "keep_split", "dry_run", "imatrix",
            "kv_overrides", "tt_overrides", "prune_layers", "max_buf_size"],
        ["llama_sampler_chain_params"] = ["no_perf"],
        ["ggml_threadpool_params"] = ["cpumask", "n_threads", "prio", "poll", "strict_cpu", "paused"],
        ["llama_perf_context_data"] = ["t_start_ms", "t_load_ms", "t_p_eval_ms", "t_eval_ms", "n_p_eval", "n_eval", "n_reused"],
        ["mtmd_context_params"] = ["use_gpu", "device", "print_timings", "n_threads", "image_marker", "media_marker",
            "flash_attn_type", "warmup", "image_min_tokens", "image_max_tokens", "cb_eval", "cb_eval_user_data",
            "batch_max_tokens", "progress_callback", "progress_callback_user_data"],
        ["mtmd_input_text"] = ["text", "text_len", "add_special", "parse_special"],
    };

    public static Dictionary<string, int> Run()
    {
        var cache = RunTool("bash", Path.Combine(RepositoryPaths.Root, "native", "fetch.sh")).Trim();
        var include = Path.Combine(cache, "include");
        var work = Directory.CreateTempSubdirectory("corral-abi-").FullName;
        try
        {
            var source = new System.Text.StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include \"llama.h\"\n#include \"mtmd.h\"\nint main(void) {\n");
            foreach (var (type, fields) in Fields)
            {
                var cType = type is "llama_batch" or "llama_model_quantize_params" or "llama_sampler_chain_params" ? type : "struct " + type;
                source.Append($"printf(\"{type} %zu\\n\", sizeof({cType}));\n");
                foreach (var field in fields)
                {
                    source.Append($"printf(\"{type}.{field} %zu\\n\", offsetof({cType}, {field}));\n");
                }
            }

            source.Append("return 0; }\n");
            var cFile = Path.Combine(work, "probe.c");
            var exe = Path.Combine(work, "probe");
            File.WriteAllText(cFile, source.ToString());
            RunTool("gcc", "-std=c11", "-I", Path.Combine(include, "include"), "-I", Path.Combine(include, "ggml", "include"),
                "-I", Path.Combine(include, "tools", "mtmd"),
                "-o", exe, cFile);
            var result = new Dictionary<string, int>();
            foreach (var line in RunTool(exe).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = line.Split(' ');
                result[parts[0]] = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            }

            return result;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string RunTool(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} failed ({process.ExitCode}): {stderr}");
        }

        return stdout.Result;
    }
}
