using Microsoft.Extensions.Logging;

namespace Corral.Server.Hosting;

/// <summary>
/// One logging setup for the server and the loggers created before its host exists (runner processes): all
/// output on stderr, like Ollama's server, so stdout stays free; <c>OLLAMA_DEBUG</c> turns on debug logs.
/// </summary>
public static class ServerLogging
{
    public static void Configure(ILoggingBuilder logging, ServerConfig config)
    {
        logging.ClearProviders();
        logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(config.DebugLevel > 0 ? LogLevel.Debug : LogLevel.Information);
        // Per-request routing and hosting chatter is noise next to the server's own messages.
        logging.AddFilter("Microsoft.AspNetCore", config.DebugLevel > 0 ? LogLevel.Information : LogLevel.Warning);
    }

    public static ILoggerFactory CreateFactory(ServerConfig config) => LoggerFactory.Create(logging => Configure(logging, config));
}
