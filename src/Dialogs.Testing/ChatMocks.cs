using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Testing;

/// <summary>
/// The mocks of a conversation-test file as the services of <c>chatbot chat --mocks</c>, so an author can chat through
/// <c>http</c> steps without the real service: the file's own mocks first, then every case's, in the order written
/// (the first that matches a call answers it, as in a test).
/// </summary>
public static class ChatMocks
{
    /// <summary>The file's mocks as services; null when the file has problems (<paramref name="diagnostics"/> says which) or no mocks.</summary>
    public static IServiceInvoker? Load(string path, List<Diagnostic> diagnostics)
    {
        var file = ConversationTestReader.Read(path, File.ReadAllText(path), diagnostics);
        if (file is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) return null;
        var mocks = file.Mocks.Concat(file.Cases.SelectMany(c => c.Mocks)).ToList();
        return mocks.Count == 0 ? null : new MockServiceInvoker(mocks);
    }
}
