using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// The <c>remember</c> step: renders the key from the flow's slots and hands it to the host (the engine has no store).
/// A key with an empty placeholder is not registered: <c>order:</c> would name every order at once.
/// </summary>
internal static class RememberSteps
{
    /// <summary>The longest key a step registers (the index refuses longer ones).</summary>
    public const int MaxKeyLength = 512;

    /// <summary>Renders and records the step's key, or records why not (trace event <c>key_not_remembered:&lt;step&gt;</c>).</summary>
    public static void Run(TurnContext turn, RememberStep step)
    {
        var empty = false;
        var key = Template.Render(step.Key.Text, name =>
        {
            var text = turn.Value(name) is { } v ? SlotValues.ToExpr(v).ToString() : "";
            empty |= string.IsNullOrWhiteSpace(text);
            return text;
        }).ReplaceLineEndings(" ").Trim();
        if (empty || key.Length > MaxKeyLength)
        {
            turn.Trace.Events.Add("key_not_remembered:" + step.Id);
            return;
        }

        turn.Remembered.RemoveAll(r => r.Key == key);
        turn.Remembered.Add(new RememberedKey(key, step.Replace));
        // The scope only: the rest of a key is usually a customer's number, and traces leave the process.
        turn.Trace.Events.Add("key_remembered:" + key[..key.IndexOf(':', StringComparison.Ordinal)]);
    }

    /// <summary>True when the template starts with a literal scope (<c>order:</c>) before any placeholder.</summary>
    public static bool HasScope(string template)
    {
        var colon = template.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false;
        var scope = template.AsSpan(0, colon);
        if (!char.IsAsciiLetter(scope[0])) return false;
        foreach (var c in scope)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) return false;
        }
        return true;
    }
}
