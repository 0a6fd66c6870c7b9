namespace Corral.Cli.Interactive;

/// <summary>The REPL's help texts, worded as Ollama's <c>cmd/interactive.go</c>.</summary>
public static class ReplHelp
{
    public const string Commands = """"
        Available Commands:
          /set            Set session variables
          /show           Show model information
          /load <model>   Load a session or model
          /save <model>   Save your current session
          /clear          Clear session context
          /bye            Exit
          /?, /help       Help for a command
          /? shortcuts    Help for keyboard shortcuts

        Use """ to begin a multi-line message.


        """";

    public const string Set = """
        Available Commands:
          /set parameter ...     Set a parameter
          /set system <string>   Set system message
          /set history           Enable history
          /set nohistory         Disable history
          /set wordwrap          Enable wordwrap
          /set nowordwrap        Disable wordwrap
          /set format json       Enable JSON mode
          /set noformat          Disable formatting
          /set verbose           Show LLM stats
          /set quiet             Disable LLM stats
          /set think             Enable thinking
          /set nothink           Disable thinking


        """;

    public const string Show = """
        Available Commands:
          /show info         Show details for this model
          /show license      Show model license
          /show modelfile    Show Modelfile for this model
          /show parameters   Show parameters for this model
          /show system       Show system message
          /show template     Show prompt template


        """;

    public const string Shortcuts = """
        Available keyboard shortcuts:
          Ctrl + c            Stop the model from responding
          Ctrl + d            Exit corral (on an empty line)


        """;

    public const string Parameters = """
        Available Parameters:
          /set parameter seed <int>             Random number seed
          /set parameter num_predict <int>      Max number of tokens to predict
          /set parameter top_k <int>            Pick from top k num of tokens
          /set parameter top_p <float>          Pick token based on sum of probabilities
          /set parameter min_p <float>          Pick token based on top token probability * min_p
          /set parameter num_ctx <int>          Set the context size
          /set parameter temperature <float>    Set creativity level
          /set parameter repeat_penalty <float> How strongly to penalize repetitions
          /set parameter repeat_last_n <int>    Set how far back to look for repetitions
          /set parameter num_gpu <int>          The number of layers to send to the GPU
          /set parameter stop <string> <string> ...   Set the stop parameters


        """;
}
