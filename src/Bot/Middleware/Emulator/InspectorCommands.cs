using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Middleware.Emulator;

/// <summary>
/// The Bot Framework Emulator's inspection commands: <c>/INSPECT open</c> (what the Emulator sends when a bot is opened
/// in debug mode) and <c>/INSPECT attach &lt;id&gt;</c> (pasted into another channel's conversation). They are not the
/// user's words, so they never reach the dialogs (no answer to an open question, no attempt used); the bot has no
/// inspection sessions (its inspector data goes to the Emulator's own conversation, <c>Emulator:Trace</c>) and says so.
/// </summary>
internal static class InspectorCommands
{
    public const string Notice =
        "Inspection sessions (/INSPECT open, /INSPECT attach) are not supported by this bot. To inspect it, chat with it in the " +
        "Emulator without debug mode: after each turn the inspector shows the turn trace and the bot state (sensitive slots " +
        "masked) when Emulator__Trace is on, the default without MicrosoftAppId.";

    /// <summary>The notice when <paramref name="text"/> (the message without the bot's mention) is an inspection command; else null.</summary>
    public static Reply? Answer(string? text)
    {
        if (text is null || !text.TrimStart().StartsWith("/INSPECT", StringComparison.OrdinalIgnoreCase)) return null;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = words.Length == 2 && words[1].Equals("open", StringComparison.OrdinalIgnoreCase)
            || words.Length == 3 && words[1].Equals("attach", StringComparison.OrdinalIgnoreCase);
        return command && words[0].Equals("/INSPECT", StringComparison.OrdinalIgnoreCase)
            ? new Reply { ResponseId = "inspector_commands", Text = Notice, ExpectsInput = false }
            : null;
    }
}
