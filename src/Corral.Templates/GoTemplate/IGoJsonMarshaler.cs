namespace Corral.Templates.GoTemplate;

/// <summary>A value with a Go <c>MarshalJSON</c> method: the <c>json</c> template function uses this text.</summary>
public interface IGoJsonMarshaler
{
    string MarshalJson();
}
