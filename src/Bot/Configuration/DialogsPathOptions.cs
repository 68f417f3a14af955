namespace Chatbot.Bot.Configuration;

/// <summary>Where the dialog definitions live (configuration <c>Dialogs:Path</c>, default <c>dialogs/</c>).</summary>
public sealed class DialogsPathOptions
{
    public const string SectionName = "Dialogs";

    /// <summary>The folder as configured; relative paths resolve against the content root, else the current directory.</summary>
    public string Path { get; set; } = "dialogs/";

    /// <summary>The absolute folder, resolved once at start.</summary>
    public string ResolvedPath { get; set; } = "";
}
