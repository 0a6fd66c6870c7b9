using System.Runtime.InteropServices;

namespace Corral.Native;

/// <summary><c>struct mtmd_input_text</c> (mtmd.h, v0.5.0): the prompt handed to <c>mtmd_tokenize</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
public struct MtmdInputText
{
    public nint Text;
    public nuint TextLength;
    public byte AddSpecial;
    public byte ParseSpecial;
}
