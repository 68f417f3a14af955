namespace Chatbot.Dialogs.Engine;

/// <summary>The last few lines of the conversation kept in the state for understanding, bounded, sensitive values masked.</summary>
internal static class ConversationHistory
{
    /// <summary>Adds a line, cut to 300 characters; keeps only the bot's <c>history_turns</c> newest lines.</summary>
    public static void Remember(TurnContext turn, string speaker, string text)
    {
        var history = turn.State.History;
        history.Add(new Understanding.ConversationLine(speaker, text.Length > 300 ? text[..300] : text));
        var max = turn.Bot.Settings.Limits.HistoryTurns;
        if (history.Count > max) history.RemoveRange(0, history.Count - max);
    }

    /// <summary>Adds the bot's replies of this turn as one line, with sensitive slot values masked.</summary>
    public static void RememberBotLines(TurnContext turn)
    {
        if (turn.Replies.Count == 0) return;
        var secrets = new List<string>();
        foreach (var frame in turn.State.Stack)
        {
            foreach (var (name, value) in frame.Slots)
            {
                if (turn.Bot.FindSlot(frame.Flow, name) is { } slot && turn.Bot.IsSensitive(slot)) secrets.Add(SlotValues.ToExpr(value).ToString());
            }
        }
        foreach (var (name, value) in turn.State.Slots)
        {
            if (turn.Bot.Definition.Slots.TryGetValue(name, out var slot) && turn.Bot.IsSensitive(slot)) secrets.Add(SlotValues.ToExpr(value).ToString());
        }
        var text = string.Join(" ", turn.Replies.Select(r => r.Text).Where(t => !string.IsNullOrEmpty(t)));
        foreach (var secret in secrets.Where(s => s.Length > 0)) text = text.Replace(secret, "***", StringComparison.OrdinalIgnoreCase);
        if (text.Length > 0) Remember(turn, "bot", text);
    }
}
