using System.Text;
using Corral.Native;

namespace Corral.Engine;

/// <summary>Tokenizer calls on a model's vocabulary. Read-only in llama.cpp, so any thread may use it.</summary>
public sealed unsafe class Vocabulary(nint vocab)
{
    public nint Handle { get; } = vocab;

    public int Count { get; } = LlamaApi.VocabNTokens(vocab);

    public bool AddsBos { get; } = LlamaApi.VocabGetAddBos(vocab) != 0;

    public int Bos { get; } = LlamaApi.VocabBos(vocab);

    public bool IsEndOfGeneration(int token) => LlamaApi.VocabIsEog(Handle, token) != 0;

    /// <summary>Text to tokens; special tokens in the text (e.g. &lt;|eot_id|&gt;) are parsed, as rendered
    /// templates contain them.</summary>
    public int[] Tokenize(string text, bool addSpecial)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length + 2];
        fixed (byte* b = bytes)
        {
            while (true)
            {
                fixed (int* t = tokens)
                {
                    var n = LlamaApi.Tokenize(Handle, b, bytes.Length, t, tokens.Length, addSpecial ? (byte)1 : (byte)0, 1);
                    if (n == int.MinValue)
                    {
                        throw new EngineRequestException("the prompt is too large to tokenize");
                    }

                    if (n >= 0)
                    {
                        Array.Resize(ref tokens, n);
                        return tokens;
                    }

                    tokens = new int[-n];
                }
            }
        }
    }

    /// <summary>Writes the bytes of one token (special tokens rendered) into <paramref name="buffer"/>; returns
    /// the length, or grows the buffer when needed.</summary>
    public int TokenToPiece(int token, ref byte[] buffer)
    {
        while (true)
        {
            fixed (byte* b = buffer)
            {
                var n = LlamaApi.TokenToPiece(Handle, token, b, buffer.Length, 0, 1);
                if (n >= 0)
                {
                    return n;
                }

                buffer = new byte[-n];
            }
        }
    }

    public string Detokenize(IReadOnlyList<int> tokens)
    {
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = tokens[i];
        }

        var text = new byte[ids.Length * 8 + 16];
        fixed (int* t = ids)
        {
            while (true)
            {
                fixed (byte* b = text)
                {
                    var n = LlamaApi.Detokenize(Handle, t, ids.Length, b, text.Length, 0, 0);
                    if (n >= 0)
                    {
                        return Encoding.UTF8.GetString(text, 0, n);
                    }

                    text = new byte[-n];
                }
            }
        }
    }
}
