namespace Corral.Server.Security;

/// <summary>A configuration the server refuses to start with (unreadable key file, bad certificate...); <c>serve</c> prints it as one line.</summary>
public sealed class ServerConfigException(string message) : Exception(message);
