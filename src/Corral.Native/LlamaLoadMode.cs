namespace Corral.Native;

/// <summary><c>enum llama_load_mode</c> (the values Corral uses; llama.h also has mlock and direct-I/O modes).</summary>
public enum LlamaLoadMode
{
    /// <summary>Read the tensors into buffers the model allocates.</summary>
    None = 0,

    /// <summary>Map the file; CPU tensors that need no repacking point into the mapping.</summary>
    Mmap = 1,
}
