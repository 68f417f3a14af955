using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Parsing;

/// <summary>Reads the Markdown files a bot's <c>knowledge:</c> section names and chunks them into passages.</summary>
internal static class KnowledgeLoader
{
    /// <summary>Largest knowledge file read (a bot's own texts, not a document store).</summary>
    public const int MaxFileChars = 512 * 1024;

    /// <summary>
    /// The passages of every file (a missing or oversized file is an error at the position of its name; a file without
    /// text a warning), and the files' texts by resolved path, for the bot's revision.
    /// </summary>
    public static (KnowledgeBase Knowledge, List<KeyValuePair<string, string>> Texts) Load(KnowledgeSettings? settings, Func<string, string?> readFile, DiagnosticBag diagnostics)
    {
        if (settings is null) return (KnowledgeBase.Empty, []);
        var passages = new List<KnowledgePassage>();
        var texts = new List<KeyValuePair<string, string>>();
        foreach (var file in settings.Files)
        {
            var text = readFile(file.ResolvedPath);
            if (text is null)
            {
                diagnostics.Report(DiagnosticIds.KnowledgeFileMissing, file.Span, file.Path, file.ResolvedPath);
                continue;
            }
            if (text.Length > MaxFileChars)
            {
                diagnostics.Report(DiagnosticIds.InvalidValue, file.Span, file.Path, "knowledge.files", $"the file has {text.Length} characters; split it into files of at most {MaxFileChars}");
                continue;
            }
            texts.Add(new(file.ResolvedPath, text));
            var chunks = KnowledgeBase.Chunk(file.Path, text);
            if (chunks.Count == 0) diagnostics.Report(DiagnosticIds.KnowledgeFileEmpty, file.Span, file.Path);
            passages.AddRange(chunks);
        }
        return (new KnowledgeBase(passages), texts);
    }

    /// <summary>Reads a file from disk; null when it does not exist.</summary>
    public static string? ReadFromDisk(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
