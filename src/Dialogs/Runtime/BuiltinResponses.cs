using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Model;

namespace Chatbot.Dialogs.Runtime;

/// <summary>Default texts of the conversation patterns (English and German; other languages fall back to English).</summary>
internal static class BuiltinResponses
{
    public const string Prefix = "builtin.";
    private static readonly SourceSpan BuiltinSpan = new("<built-in>", 1, 1);

    private static readonly (string Id, string En, string De)[] Texts =
    [
        ("cancel_confirm", "Do you want to stop what we are doing?", "Möchten Sie den aktuellen Vorgang abbrechen?"),
        ("cancelled", "Okay, I have stopped that.", "In Ordnung, ich habe das abgebrochen."),
        ("help", "I can help with the topics I know. Tell me what you need, or say 'cancel' to stop.", "Ich helfe bei den Themen, die ich kenne. Sagen Sie mir, was Sie brauchen, oder 'abbrechen' zum Beenden."),
        ("start_over", "Let's start over.", "Fangen wir von vorne an."),
        ("handoff", "I am connecting you with a person who can help.", "Ich verbinde Sie mit einer Person, die Ihnen helfen kann."),
        ("handoff_confirm", "Do you want me to connect you with a person? What we are doing now would stop.", "Möchten Sie mit einer Person verbunden werden? Der aktuelle Vorgang würde dann beendet."),
        // The new value said back: a misread change ("make it 2" taken as the size) shows before the flow goes on.
        ("correction", "{{#if corrected.value}}Got it, I have changed that to {{ corrected.value }}.{{else}}Got it, I have updated that.{{/if}}",
            "{{#if corrected.value}}Verstanden, ich habe das auf {{ corrected.value }} geändert.{{else}}Verstanden, ich habe das geändert.{{/if}}"),
        ("chitchat", "Happy to chat! How can I help you?", "Gerne! Wobei kann ich helfen?"),
        ("thanks", "You're welcome!", "Gern geschehen!"),
        ("goodbye", "Goodbye! Just write again whenever you need me.", "Auf Wiedersehen! Schreiben Sie einfach wieder, wenn Sie mich brauchen."),
        ("cannot_handle", "Sorry, I did not understand that. Could you say it differently?", "Entschuldigung, das habe ich nicht verstanden. Können Sie es anders formulieren?"),
        ("topics", "I can help with these. Pick one or tell me what you need:", "Dabei kann ich helfen. Wählen Sie aus oder sagen Sie mir, was Sie brauchen:"),
        ("other_language", "Sorry, I only understand English. Please write to me in English.", "Entschuldigung, ich verstehe nur Deutsch. Bitte schreiben Sie mir auf Deutsch."),
        ("off_topic", "Sorry, I can't help with that here.", "Dabei kann ich Ihnen hier leider nicht helfen."),
        ("clarify", "Which of these did you mean?", "Was davon meinten Sie?"),
        ("switch_flow", "Do you want to switch to {{ flow.label }} instead?", "Möchten Sie stattdessen hierzu wechseln: {{ flow.label }}?"),
        ("handoff_failed", "Sorry, nobody is free to take over right now. I'm still here: tell me what you need, or try again later.",
            "Leider ist gerade niemand frei, der übernehmen kann. Ich bin weiter für Sie da: Sagen Sie mir, was Sie brauchen, oder versuchen Sie es später noch einmal."),
        ("handoff_completed", "You are back with the assistant. What else can I do for you?", "Sie sind wieder beim Assistenten. Was kann ich sonst noch für Sie tun?"),
        ("resume", "Let's get back to where we were.", "Machen wir dort weiter, wo wir waren."),
        ("already_running", "We are already on it. Let's carry on.", "Daran sind wir schon. Machen wir weiter."),
        ("finish_first", "Let's finish this first, then I can help you with that.", "Lassen Sie uns das zuerst abschließen, danach helfe ich Ihnen gern dabei."),
        ("recap", "{{#if flow.label}}We were on {{ flow.label }}.{{#if flow.values}} So far I have: {{ flow.values }}.{{/if}}{{else}}We were just getting started.{{/if}}",
            "{{#if flow.label}}Wir waren gerade hier: {{ flow.label }}.{{#if flow.values}} Bisher habe ich: {{ flow.values }}.{{/if}}{{else}}Wir haben gerade erst angefangen.{{/if}}"),
        // What the flow still asks for, so a user can have it ready; at its confirmation nothing is missing.
        ("needs", "{{#if flow.missing}}For {{ flow.label }} I still need: {{ flow.missing }}.{{else}}I have everything I need for {{ flow.label }}.{{/if}}",
            "{{#if flow.missing}}Das brauche ich noch ({{ flow.label }}): {{ flow.missing }}.{{else}}Ich habe alles, was ich brauche ({{ flow.label }}).{{/if}}"),
        ("why_asked", "I need this to go on with {{ flow.label }}.", "Das brauche ich, um weiterzumachen ({{ flow.label }})."),
        ("options", "You can choose: {{ options.list }}.", "Zur Auswahl: {{ options.list }}."),
        ("repeat", "Let me ask again.", "Ich frage noch einmal."),
        ("early_answer", "Got it: {{ early.value }}.", "Notiert: {{ early.value }}."),
        ("exhausted", "Sorry, that did not work out. Let's leave it there for now.", "Das hat leider nicht geklappt. Belassen wir es vorerst dabei."),
        ("error", "Sorry, something went wrong on my side. Please try again later.", "Entschuldigung, bei mir ist etwas schiefgelaufen. Bitte versuchen Sie es später noch einmal."),
        // Said when the dialogs changed under the conversation or a stored value no longer fits (not always an update): what
        // the user notices next is a question asked again, so that is what it announces ("Let's carry on from here" did not).
        ("recovered", "Sorry, something changed on my side during our conversation, so I may need to ask you something again.", "Entschuldigung, bei mir hat sich während unseres Gesprächs etwas geändert, deshalb muss ich Sie vielleicht etwas noch einmal fragen."),
        ("reprompt", "Sorry, that is not a valid answer.", "Das ist leider keine gültige Antwort."),
        // A wrong answer to a question of a kind with a clear form: what was missing, instead of only that it was wrong. No
        // example values: the author's question may allow only some ("within the next two weeks").
        ("reprompt_email", "That does not look like an e-mail address. Please write it like name@example.com.",
            "Das sieht nicht nach einer E-Mail-Adresse aus. Bitte schreiben Sie sie wie name@beispiel.de."),
        ("reprompt_number", "Sorry, I need a number here.", "Hier brauche ich leider eine Zahl."),
        ("reprompt_date", "Sorry, I could not read a date in that.", "Darin konnte ich leider kein Datum erkennen."),
        ("reprompt_time", "Sorry, I could not read a time in that.", "Darin konnte ich leider keine Uhrzeit erkennen."),
        ("reprompt_datetime", "Sorry, I could not read a day and time in that.", "Darin konnte ich leider keinen Tag mit Uhrzeit erkennen."),
        // A code that misses the slot's pattern by its length ("RX123" for RX and six digits): the code said back with what
        // is wrong, so the user checks it; the question after it may show the shape ("It looks like RX123456").
        ("reprompt_pattern_short", "{{ early.value }} looks too short: a character or more seems to be missing.",
            "{{ early.value }} scheint zu kurz zu sein: Es fehlt wohl mindestens ein Zeichen."),
        ("reprompt_pattern_long", "{{ early.value }} looks too long: it seems to have a character too many.",
            "{{ early.value }} scheint zu lang zu sein: Es ist wohl mindestens ein Zeichen zu viel."),
        // The choices in words: a user whose case fits none ("someone stole my laptop" at the kind of claim) learns what the
        // bot can take, where the buttons alone look like a question not understood.
        ("reprompt_choice", "Sorry, that is not one of the choices. I can take: {{ options.list }}.", "Das ist leider keine der Möglichkeiten. Möglich sind: {{ options.list }}."),
        ("confirm_expected", "Please answer yes or no.", "Bitte antworten Sie mit Ja oder Nein."),
        ("text_expected", "A yes or no does not answer this question.", "Ein Ja oder Nein beantwortet diese Frage leider nicht."),
        ("answer_required", "I need an answer to this to go on.", "Ohne diese Angabe kann ich leider nicht weitermachen."),
        ("time_ambiguous", "In the morning or in the evening? Please add am or pm, or write it like 20:00.",
            "Morgens oder abends? Bitte schreiben Sie die Uhrzeit zum Beispiel als 8 Uhr oder 20 Uhr."),
        ("time_missing", "And at what time? Please add a time of day, for example 10:30.",
            "Und um wie viel Uhr? Bitte nennen Sie auch eine Uhrzeit, zum Beispiel 10:30 Uhr."),
        ("time_for_day", "What time on {{ early.value }}?", "Um wie viel Uhr am {{ early.value }}?"),
        ("day_in_span", "Which day exactly ({{ early.value }})?", "Welcher Tag genau ({{ early.value }})?"),
        ("amount_ambiguous", "Which amount do you mean: {{ options.list }}?", "Welchen Betrag meinen Sie: {{ options.list }}?"),
        ("choice_ambiguous", "Which one do you mean: {{ options.list }}?", "Was davon meinen Sie: {{ options.list }}?"),
        ("out_of_range",
            // No "Please choose." without a bound to choose by: a number too large to keep exactly at a type without max.
            // A lower bound alone is "from 1 onwards" (a number or a day): "Please choose from 1." read as a cut-off sentence.
            "Sorry, that is not possible.{{#if range.min}} Please choose from {{ range.min }}{{#if range.max}} up to {{ range.max }}{{else}} onwards{{/if}}.{{else}}{{#if range.max}} Please choose up to {{ range.max }}.{{/if}}{{/if}}",
            // "von 1 bis 5" with both bounds ("ab 1 bis 5" is no German), "ab 1" or "bis 5" with one.
            "Das geht leider nicht.{{#if range.min}} Bitte wählen Sie{{#if range.max}} von {{ range.min }} bis {{ range.max }}{{else}} ab {{ range.min }}{{/if}}.{{else}}{{#if range.max}} Bitte wählen Sie bis {{ range.max }}.{{/if}}{{/if}}"),
        ("remind", "Are you still there? I am waiting for your answer to my last question.", "Sind Sie noch da? Ich warte auf Ihre Antwort auf meine letzte Frage."),
        ("expired", "We had not heard from you for a while, so I have closed what we were doing. Just tell me if you want to start again.",
            "Wir haben eine Weile nichts von Ihnen gehört, deshalb habe ich den Vorgang beendet. Sagen Sie einfach Bescheid, wenn Sie neu beginnen möchten."),
        ("still_working", "I am still working on your last request and will answer here as soon as I have the result.",
            "Ich arbeite noch an Ihrer letzten Anfrage und antworte hier, sobald ich das Ergebnis habe."),
        ("files", "Sorry, I can't read files yet. Please tell me in words what you need.", "Entschuldigung, Dateien kann ich noch nicht lesen. Bitte sagen Sie mir in Worten, was Sie brauchen."),
        ("file_expected", "Please attach a file to answer this (the paper clip next to the message box).", "Bitte hängen Sie als Antwort eine Datei an (die Büroklammer neben dem Eingabefeld)."),
        ("file_type",
            "Sorry, I can't accept this type of file.{{#if accepted.types}} Please send {{ accepted.types }}.{{/if}}",
            "Diesen Dateityp kann ich leider nicht annehmen.{{#if accepted.types}} Bitte senden Sie {{ accepted.types }}.{{/if}}"),
        ("file_size",
            "Sorry, this file is too large.{{#if accepted.max_size}} Please send a file of at most {{ accepted.max_size }}.{{/if}}",
            "Diese Datei ist leider zu groß.{{#if accepted.max_size}} Bitte senden Sie eine Datei mit höchstens {{ accepted.max_size }}.{{/if}}"),
        ("rate_limited", "You're sending messages faster than I can answer. Please wait a moment and try again.",
            "Sie schreiben schneller, als ich antworten kann. Bitte warten Sie einen Moment und versuchen Sie es dann noch einmal."),
        ("not_handled", "Sorry, I could not handle your last message just now. Please send it again.",
            "Entschuldigung, Ihre letzte Nachricht konnte gerade nicht bearbeitet werden. Bitte senden Sie sie noch einmal."),
        ("welcome_failed", "Hello! I can't answer just now. Please write to me again in a moment.",
            "Hallo! Ich kann gerade nicht antworten. Bitte schreiben Sie mir gleich noch einmal."),
        ("state_lost", "Sorry, I lost track of our conversation, so we are starting over.",
            "Entschuldigung, ich habe den Faden unseres Gesprächs verloren, deshalb fangen wir von vorn an."),
    ];

    public static readonly IReadOnlyDictionary<string, ResponseDefinition> All = Texts.ToDictionary(
        t => Prefix + t.Id,
        t => new ResponseDefinition
        {
            Id = Prefix + t.Id,
            BuiltIn = true,
            Span = BuiltinSpan,
            Text = new LocalizedText
            {
                Span = BuiltinSpan,
                Variants = new(StringComparer.Ordinal) { ["en"] = [t.En], ["de"] = [t.De] },
            },
        },
        StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, ResponseDefinition> Merge(IReadOnlyDictionary<string, ResponseDefinition> author)
    {
        var merged = new Dictionary<string, ResponseDefinition>(All, StringComparer.Ordinal);
        foreach (var (id, response) in author) merged[id] = response;
        return merged;
    }
}
