namespace Corral.Native;

/// <summary><c>enum llama_flash_attn_type</c>.</summary>
public enum LlamaFlashAttnType
{
    Auto = -1,
    Disabled = 0,
    Enabled = 1,
}
