using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>Turns response ids into replies: the template in the user's language with slot values, buttons, cards, and opt-in phrasing.</summary>
internal sealed partial class ReplyRenderer(IResponsePhraser? phraser, ILogger logger)
{
    /// <summary>Renders a response (phrased when it opts in and a phraser is configured) and adds it to the turn's replies.</summary>
    public async Task SayAsync(TurnContext turn, string responseId, bool expectsInput, CancellationToken cancellationToken,
        IReadOnlyList<ReplyButton>? extraButtons = null, bool yesNo = false, bool handoff = false, FlowRoles? roles = null)
    {
        var reply = Render(turn, responseId, expectsInput, extraButtons, yesNo, handoff, roles);
        if (turn.Bot.Responses.TryGetValue(responseId, out var response) && response.Phrasing != PhrasingMode.Template && phraser is not null)
        {
            reply = await PhraseAsync(turn, response, reply, cancellationToken);
        }
        turn.Replies.Add(reply);
    }

    /// <summary>The template text of a response with its buttons (the response's own, then <paramref name="extraButtons"/>; yes/no when asked for and none are set).</summary>
    public static Reply Render(TurnContext turn, string responseId, bool expectsInput, IReadOnlyList<ReplyButton>? extraButtons = null, bool yesNo = false, bool handoff = false, FlowRoles? roles = null)
    {
        if (!turn.Bot.Responses.TryGetValue(responseId, out var response))
        {
            // Cannot happen for a validated bot; keep the turn alive anyway.
            return new Reply { ResponseId = responseId, Text = "", ExpectsInput = expectsInput, Handoff = handoff, Language = turn.Language };
        }
        var values = new TemplateValues(turn, roles ?? FlowRoles.Of(turn));
        string Fill(string template) => Template.OfDefinition(template).Render(values.Text);
        // Whether the author wrote Markdown is read on the template, never on the values: a user's "[x](https://…)"
        // repeated in a plain reply stays text, and inside the author's Markdown it is escaped.
        var written = Localized(TextFor(turn, response).Variants, turn, responseId);
        var markdown = MarkdownText.IsMarkdown(written);
        var text = Template.OfDefinition(written).Render(markdown ? p => values.Text(p) is { } v ? MarkdownText.Literal(v) : null : values.Text);
        var buttons = Buttons(turn, response, Fill);
        if (extraButtons is not null) buttons.AddRange(extraButtons.Where(e => buttons.All(b => b.Value != e.Value)));
        if (yesNo && buttons.Count == 0)
        {
            var lexicon = Lexicon.For(turn.Language);
            buttons.Add(new ReplyButton(lexicon.YesTitle, "yes"));
            buttons.Add(new ReplyButton(lexicon.NoTitle, "no"));
        }
        var cards = new List<ReplyCard>();
        if (response.Card is { } card)
        {
            var hero = new JsonObject();
            if (card.Title is not null) hero["title"] = Fill(Localized(card.Title.Variants, turn));
            // A hero card's text is Markdown wherever it shows (Web Chat, the Emulator, Teams), whatever the author wrote:
            // the values filled into it are made literal.
            if (card.Text is not null) hero["text"] = Template.OfDefinition(Localized(card.Text.Variants, turn)).Render(p => values.Text(p) is { } v ? MarkdownText.Literal(v) : null);
            if (card.Image is not null) hero["images"] = new JsonArray(new JsonObject { ["url"] = card.Image });
            cards.Add(new ReplyCard(ReplyCard.HeroContentType, JsonSerializer.SerializeToElement(hero, DialogJsonContext.Default.JsonObject)));
        }
        return new Reply { ResponseId = responseId, Text = text, Markdown = markdown, Buttons = buttons, Cards = cards, Form = Form(turn, response, Fill), ExpectsInput = expectsInput, Handoff = handoff, Language = turn.Language };
    }

    /// <summary>The response's text, or that of its first variant whose condition holds (<c>variants: [{ if, text }]</c>).</summary>
    private static LocalizedText TextFor(TurnContext turn, ResponseDefinition response) =>
        response.Variants.FirstOrDefault(v => turn.Evaluate(v.Condition).IsTrue)?.Text ?? response.Text;

    /// <summary>A response's own buttons, localised (for repeating them with a reprompt).</summary>
    public static IReadOnlyList<ReplyButton> ButtonsOf(TurnContext turn, string responseId)
    {
        if (!turn.Bot.Responses.TryGetValue(responseId, out var r) || r.Buttons.Count == 0) return [];
        var values = new TemplateValues(turn, FlowRoles.Of(turn));
        return Buttons(turn, r, template => Template.OfDefinition(template).Render(values.Text));
    }

    /// <summary>
    /// A response's buttons in the conversation's language: a title with the value the bot receives, or the
    /// <c>sends</c> text as what the click posts; <c>from_slot</c> makes one button per value of the slot, titled by its label.
    /// </summary>
    private static List<ReplyButton> Buttons(TurnContext turn, ResponseDefinition response, Func<string, string> fill)
    {
        var buttons = new List<ReplyButton>();
        foreach (var b in response.Buttons)
        {
            if (b.FromSlot is { } from)
            {
                buttons.AddRange(SlotButtons(turn, from.Name));
                continue;
            }
            if (b.FromResult is { } result)
            {
                buttons.AddRange(ResultButtons(turn, result.Name));
                continue;
            }
            var sent = b.Sends is { } sends ? Localized(sends.Variants, turn) : b.Value;
            buttons.Add(new ReplyButton(fill(Localized(b.Title.Variants, turn)), sent));
        }
        return buttons;
    }

    /// <summary>
    /// One button per value of the slot (<c>from_slot</c>), titled by its label in the conversation's language; at its
    /// question after an answer that left several choices (choice_ambiguous), only those.
    /// </summary>
    public static IEnumerable<ReplyButton> SlotButtons(TurnContext turn, string slotName)
    {
        if (turn.Bot.FindSlot(turn.Top?.Flow, slotName) is not { } slot) return [];
        var display = SlotValues.DisplayContext.Of(turn);
        var left = turn.CurrentStep is AskStep ask && ask.Slot.Name == slotName && turn.Top!.PendingValues is [_, _, ..] pending ? pending : null;
        return turn.Bot.TypeOf(slot).Values.Where(v => left is null || left.Contains(v.Value))
            .Select(v => new ReplyButton(v.LabelIn(display.Language, display.DefaultLanguage), v.Value));
    }

    /// <summary>
    /// One button per item of the text an http step's <c>result</c> put in the slot (<c>from_result</c>): "09:00, 10:30"
    /// or a JSON list (stored as its items joined with ", ") — titled and valued by the item, at most
    /// <see cref="DialogState.MaxButtons"/>, none while the slot is empty. A click is read as if the user typed the item.
    /// </summary>
    public static IEnumerable<ReplyButton> ResultButtons(TurnContext turn, string slotName)
    {
        if (turn.Value(slotName) is not { ValueKind: JsonValueKind.String } value) return [];
        return value.GetString()!.Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.Ordinal).Take(DialogState.MaxButtons).Select(item => new ReplyButton(item, item));
    }

    /// <summary>The most topic buttons <see cref="Topics"/> offers: a longer menu is a wall, not a choice.</summary>
    private const int MaxTopics = 6;

    /// <summary>
    /// What the bot can help with, as buttons: the welcome's own buttons (the author's menu), else one per routable flow
    /// in the order written, at most <see cref="MaxTopics"/>. Empty for a bot with neither.
    /// </summary>
    public static IReadOnlyList<ReplyButton> Topics(TurnContext turn)
    {
        if (turn.Bot.Settings.Welcome is { } welcome && ButtonsOf(turn, welcome.Name) is { Count: > 0 } menu) return [.. menu.Take(MaxTopics)];
        return [.. turn.Bot.Flows.Values.Where(f => f.Definition.Routable).Take(MaxTopics).Select(f => new ReplyButton(FlowTitle(turn, f), f.Id))];
    }

    /// <summary>A button title for a flow: its label, else its description in the default language or its first example in the user's language.</summary>
    public static string FlowTitle(TurnContext turn, CompiledFlow flow)
    {
        if (flow.Definition.Label is not null) return TemplateValues.FlowLabel(turn, flow);
        var description = flow.Definition.Description;
        if (turn.Language != turn.Bot.Settings.DefaultLanguage && flow.Definition.Examples?.Variants.GetValueOrDefault(turn.Language) is [var example, ..])
        {
            return example;
        }
        return string.IsNullOrEmpty(description) ? flow.Id : description;
    }

    private async Task<Reply> PhraseAsync(TurnContext turn, ResponseDefinition response, Reply reply, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value, slot) in VisibleSlots(turn))
        {
            if (!turn.Bot.IsSensitive(slot)) facts[name] = SlotValues.Display(value, turn.Bot.TypeOf(slot), SlotValues.DisplayContext.Of(turn));
        }
        var mustInclude = response.Guards?.MustInclude.Select(m => facts.GetValueOrDefault(m) ?? m).ToList() ?? [];
        try
        {
            var result = await phraser!.PhraseAsync(new PhrasingRequest
            {
                ResponseId = response.Id,
                Mode = response.Phrasing == PhrasingMode.Generate ? "generate" : "rephrase",
                TemplateText = reply.Text ?? "",
                Language = turn.Language,
                Instruction = response.Instruction,
                Facts = facts,
                MustInclude = mustInclude,
                ForbiddenTopics = response.Guards?.Forbidden ?? [],
                MaxSentences = response.Guards?.MaxSentences,
                Persona = turn.Bot.Settings.Persona,
                AnswerBy = turn.AnswerBy,
            }, cancellationToken);
            Count(turn, result);
            if (string.IsNullOrWhiteSpace(result.Text)) return reply;
            // The model repeats the user's values as they are: inside the author's Markdown they are made literal again,
            // as the template filled them, or "[win](https://…)" in an address would show as the bot's own link.
            return reply with { Text = reply.Markdown ? MarkdownText.LiteralValues(result.Text, facts.Values) : result.Text };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPhrasingFailed(logger, response.Id, ex);
            return reply;
        }
    }

    /// <summary>Adds a phrasing call's model use to the turn's trace.</summary>
    public static void Count(TurnContext turn, PhrasingResult result)
    {
        turn.Trace.LlmCalls += result.FromModel || result.TokensIn > 0 ? 1 : 0;
        turn.Trace.TokensIn += result.TokensIn;
        turn.Trace.TokensOut += result.TokensOut;
        if (result.OutOfTime) turn.Trace.ModelOutOfTime++;
    }

    private static IEnumerable<(string Name, JsonElement Value, SlotDefinition Slot)> VisibleSlots(TurnContext turn)
    {
        var frame = turn.Top;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (frame is not null)
        {
            foreach (var (name, value) in frame.Slots)
            {
                if (turn.Bot.FindSlot(frame.Flow, name) is { } slot && seen.Add(name)) yield return (name, value, slot);
            }
        }
        foreach (var (name, value) in turn.State.Slots)
        {
            if (turn.Bot.Definition.Slots.TryGetValue(name, out var slot) && seen.Add(name)) yield return (name, value, slot);
        }
    }

    private static string Localized(IReadOnlyDictionary<string, IReadOnlyList<string>> variants, TurnContext turn, string key = "")
    {
        var list = variants.GetValueOrDefault(turn.Language) ?? variants.GetValueOrDefault(turn.Bot.Settings.DefaultLanguage) ?? variants.GetValueOrDefault("en") ?? variants.Values.FirstOrDefault() ?? [];
        if (list.Count == 0) return "";
        // Deterministic variation: the same turn of the same conversation always picks the same variant.
        var seed = turn.State.Turn;
        foreach (var c in key) seed = unchecked(seed * 31 + c);
        return list[(int)((uint)seed % (uint)list.Count)];
    }

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Phrasing of response {Response} failed; the template was used")]
    private static partial void LogPhrasingFailed(ILogger logger, string response, Exception exception);
}
