namespace Chatbot.Dialogs.Understanding;

/// <summary>The word lists behind a <see cref="Lexicon"/>, one instance per language. Data only; matching lives in <see cref="Lexicon"/>.</summary>
internal sealed class LexiconWords
{
    public required string Language { get; init; }
    public required string YesTitle { get; init; }
    public required string NoTitle { get; init; }
    public required string[] Yes { get; init; }
    public required string[] No { get; init; }

    /// <summary>Whole-utterance phrases per global command (also the examples similarity recognizers compare against).</summary>
    public required Dictionary<CommandKind, string[]> Commands { get; init; }

    /// <summary>Phrases unambiguous enough to mean the command inside a longer message.</summary>
    public required Dictionary<CommandKind, string[]> PhrasesInside { get; init; }

    /// <summary>Politeness and framing peeled off the start of a message before matching ("please", "I want to").</summary>
    public required string[] LeadingFillers { get; init; }

    /// <summary>Politeness peeled off the end ("please", "thanks", "bitte").</summary>
    public required string[] TrailingFillers { get; init; }

    /// <summary>Words ignored when comparing command phrases.</summary>
    public required string[] Articles { get; init; }
    public required Dictionary<string, int> Numbers { get; init; }

    /// <summary>Day words and their offset from today.</summary>
    public required Dictionary<string, int> RelativeDays { get; init; }

    /// <summary>Weekday names, Sunday first (as <see cref="DayOfWeek"/>).</summary>
    public required string[] Weekdays { get; init; }
    public required string[] WeekdayPrefixes { get; init; }
    public required string[] DayUnits { get; init; }
    public required string[] WeekUnits { get; init; }

    public static readonly LexiconWords English = new()
    {
        Language = "en",
        YesTitle = "Yes",
        NoTitle = "No",
        Yes =
        [
            "yes", "y", "yeah", "yep", "yup", "yes please", "sure", "ok", "okay", "correct", "right", "confirm", "confirmed",
            "absolutely", "definitely", "of course", "please do", "go ahead", "do it", "sounds good", "that's right",
            "that is right", "that's correct", "exactly", "true",
        ],
        No = ["no", "n", "nope", "nah", "not really", "no thank you", "wrong", "incorrect", "negative", "not now", "don't", "do not", "false"],
        Commands = new()
        {
            [CommandKind.Cancel] =
            [
                "cancel", "stop", "abort", "quit", "exit", "never mind", "nevermind", "forget it", "cancel that", "cancel this",
                "cancel it", "cancel everything", "cancel my order", "cancel the order", "stop this", "stop it",
                "I don't want to continue", "I want to stop",
            ],
            [CommandKind.Help] = ["help", "help me", "what can you do", "how does this work", "I need help", "what are my options", "what do you mean"],
            [CommandKind.StartOver] =
            [
                "start over", "restart", "start again", "begin again", "from the beginning", "reset", "reset the conversation",
                "start from scratch", "let's start again",
            ],
            [CommandKind.Handoff] =
            [
                "agent", "human", "person", "real person", "operator", "representative", "customer service", "talk to someone",
                "talk to a human", "talk to a person", "talk to an agent", "speak to someone", "speak to a human",
                "speak to a person", "speak to an agent", "connect me to a person", "connect me to an agent", "human please",
                "I want a real person",
            ],
            [CommandKind.Chitchat] =
            [
                "hi", "hello", "hey", "hey there", "good morning", "good afternoon", "good evening", "how are you", "thanks",
                "thank you", "thank you very much", "bye", "goodbye", "who are you", "cool", "great", "nice",
            ],
        },
        PhrasesInside = new()
        {
            [CommandKind.Handoff] =
            [
                "talk to a human", "talk to a person", "talk to an agent", "talk to a real person", "speak to a human",
                "speak to a person", "speak to an agent", "speak with a human", "speak with an agent", "speak with a person",
                "human agent", "real person",
            ],
            [CommandKind.StartOver] = ["start over", "start from scratch"],
        },
        LeadingFillers =
        [
            "please", "pls", "ok", "okay", "oh", "well", "so", "hey", "um", "uh", "actually", "just", "i want to", "i wanna",
            "i'd like to", "i would like to", "i need to", "can i", "could i", "may i", "can you", "could you", "would you",
            "let me", "let's", "let us", "i want", "i need", "i'd like",
        ],
        TrailingFillers = ["please", "pls", "now", "right now", "thanks", "thank you"],
        Articles = ["a", "an", "the"],
        Numbers = new()
        {
            ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
            ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["a dozen"] = 12, ["dozen"] = 12,
            ["twenty"] = 20,
        },
        RelativeDays = new()
        {
            ["today"] = 0, ["tonight"] = 0, ["this evening"] = 0, ["tomorrow"] = 1, ["day after tomorrow"] = 2,
            ["the day after tomorrow"] = 2, ["yesterday"] = -1,
        },
        Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
        WeekdayPrefixes = ["next", "on", "this", "coming"],
        DayUnits = ["day", "days"],
        WeekUnits = ["week", "weeks"],
    };

    public static readonly LexiconWords German = new()
    {
        Language = "de",
        YesTitle = "Ja",
        NoTitle = "Nein",
        Yes =
        [
            "ja", "jawohl", "genau", "klar", "richtig", "stimmt", "ok", "okay", "gerne", "gern", "bitte", "natürlich", "ja bitte",
            "ja gerne", "passt", "korrekt", "einverstanden", "true",
        ],
        No = ["nein", "nee", "ne", "nö", "falsch", "nicht", "nein danke", "lieber nicht", "auf keinen fall", "false"],
        Commands = new()
        {
            [CommandKind.Cancel] =
            [
                "abbrechen", "abbruch", "stopp", "stop", "beenden", "aufhören", "vergiss es", "lass es", "bestellung abbrechen",
                "vorgang abbrechen", "alles abbrechen",
            ],
            [CommandKind.Help] = ["hilfe", "hilf mir", "was kannst du", "wie funktioniert das", "ich brauche hilfe", "was meinst du", "welche möglichkeiten gibt es"],
            [CommandKind.StartOver] = ["von vorne", "von vorn", "nochmal von vorne", "noch mal von vorne", "neu starten", "neustart", "neu anfangen", "zurücksetzen"],
            [CommandKind.Handoff] =
            [
                "mitarbeiter", "mensch", "person", "berater", "echte person", "kundendienst", "kundenservice", "agent",
                "mit einem mitarbeiter sprechen", "mit einem menschen sprechen", "mit einer person sprechen",
                "einen mitarbeiter bitte",
            ],
            [CommandKind.Chitchat] =
            [
                "hallo", "hi", "hey", "servus", "moin", "guten tag", "guten morgen", "guten abend", "danke", "vielen dank",
                "danke schön", "wie geht's", "wie geht es dir", "tschüss", "auf wiedersehen", "wer bist du", "super",
            ],
        },
        PhrasesInside = new()
        {
            [CommandKind.Handoff] = ["mit einem mitarbeiter sprechen", "mit einem menschen sprechen", "mit einer person sprechen", "echte person"],
            [CommandKind.StartOver] = ["von vorne anfangen", "neu anfangen"],
        },
        LeadingFillers =
        [
            "bitte", "ok", "okay", "also", "ähm", "äh", "na", "ich möchte", "ich will", "ich würde gerne", "ich würde gern",
            "kann ich", "können sie", "kannst du", "könnten sie", "lass uns", "lassen sie uns", "ich muss", "jetzt", "einfach", "mal",
        ],
        TrailingFillers = ["bitte", "jetzt", "danke", "sofort", "mal"],
        Articles = ["ein", "eine", "einen", "einem", "einer", "der", "die", "das", "den", "dem", "des"],
        Numbers = new()
        {
            ["null"] = 0, ["eins"] = 1, ["ein"] = 1, ["eine"] = 1, ["einen"] = 1, ["zwei"] = 2, ["drei"] = 3, ["vier"] = 4,
            ["fünf"] = 5, ["sechs"] = 6, ["sieben"] = 7, ["acht"] = 8, ["neun"] = 9, ["zehn"] = 10, ["elf"] = 11,
            ["zwölf"] = 12, ["ein dutzend"] = 12, ["dutzend"] = 12, ["zwanzig"] = 20,
        },
        RelativeDays = new()
        {
            ["heute"] = 0, ["heute abend"] = 0, ["morgen"] = 1, ["übermorgen"] = 2, ["gestern"] = -1, ["vorgestern"] = -2,
        },
        Weekdays = ["sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"],
        WeekdayPrefixes = ["am", "nächsten", "nächster", "kommenden", "diesen"],
        DayUnits = ["tag", "tagen"],
        WeekUnits = ["woche", "wochen"],
    };
}
