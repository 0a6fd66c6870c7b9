namespace Corral.Native;

/// <summary><c>enum mtmd_input_chunk_type</c> (mtmd.h, v0.5.0).</summary>
public enum MtmdInputChunkType
{
    Text = 0,
    Image = 1,
    Audio = 2,
}
