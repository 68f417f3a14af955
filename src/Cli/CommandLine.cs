namespace Chatbot.Cli;

/// <summary>A parsed command line: verb, folder, <c>--name value</c> options and <c>--flag</c>s. Hand-rolled: four verbs do not need a parser library.</summary>
internal sealed class CommandLine
{
    private static readonly Dictionary<string, (string[] Options, string[] Flags)> Verbs = new(StringComparer.Ordinal)
    {
        ["validate"] = ([], []),
        ["graph"] = (["flow", "out"], []),
        ["chat"] = (["lang", "time-zone", "recognizer", "mocks", "now"], []),
        ["test"] = (["junit", "filter", "recognizer", "model", "runs", "min-pass"], ["record", "ignore-commands"]),
    };

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public string Verb { get; private init; } = "";
    public string Folder { get; private set; } = "";

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>Words authors try for a command (the author2 trial typed 'chatbot check').</summary>
    private static readonly Dictionary<string, string> SimilarVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["check"] = "validate", ["lint"] = "validate", ["verify"] = "validate", ["validate-bot"] = "validate",
        ["tests"] = "test", ["run-tests"] = "test",
        ["talk"] = "chat", ["run"] = "chat", ["try"] = "chat",
        ["diagram"] = "graph", ["mermaid"] = "graph",
    };

    /// <summary>Parses; on failure <paramref name="problem"/> says what is wrong (null = just show usage).</summary>
    public static bool TryParse(string[] args, out CommandLine command, out string? problem)
    {
        command = new CommandLine();
        problem = null;
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help") return false;
        if (!Verbs.TryGetValue(args[0], out var spec))
        {
            problem = $"unknown command '{args[0]}'" + (SimilarVerbs.TryGetValue(args[0], out var meant) ? $" (did you mean '{meant}'?)" : "");
            return false;
        }
        command = new CommandLine { Verb = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                string? inline = null;
                if (name.IndexOf('=', StringComparison.Ordinal) is var eq and >= 0)
                {
                    inline = name[(eq + 1)..];
                    name = name[..eq];
                }
                if (spec.Flags.Contains(name) && inline is null)
                {
                    command._flags.Add(name);
                }
                else if (spec.Options.Contains(name))
                {
                    var value = inline ?? (i + 1 < args.Length ? args[++i] : null);
                    if (value is null)
                    {
                        problem = $"--{name} needs a value";
                        return false;
                    }
                    command._options[name] = value;
                }
                else
                {
                    problem = name == "mode" ? "--mode is now --recognizer (scripted, lexical, embedded, recorded or live)" : $"unknown option '{arg}' for '{command.Verb}'";
                    return false;
                }
            }
            else if (command.Folder.Length == 0)
            {
                command.Folder = arg;
            }
            else
            {
                problem = $"unexpected argument '{arg}'";
                return false;
            }
        }
        if (command.Folder.Length == 0)
        {
            problem = $"'{command.Verb}' needs the folder of the bot (e.g. dialogs/)";
            return false;
        }
        return true;
    }
}
