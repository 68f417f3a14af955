namespace Chatbot.Dialogs.Diagnostics;

/// <summary>
/// Every message the loader and validator can produce. DLG1xxx: YAML and structure; DLG2xxx: references and
/// semantics; DLG3xxx: flow-graph checks. Ids never change meaning once published (authors search for them).
/// </summary>
internal static class DiagnosticIds
{
    private const DiagnosticSeverity E = DiagnosticSeverity.Error;
    private const DiagnosticSeverity W = DiagnosticSeverity.Warning;

    public static readonly DiagnosticDescriptor YamlSyntax = new("DLG1001", E, "YAML syntax error: {0}");
    public static readonly DiagnosticDescriptor WrongNodeType = new("DLG1002", E, "{0} must be {1}, found {2}");
    public static readonly DiagnosticDescriptor UnknownKey = new("DLG1003", E, "unknown key '{0}' in {1}");
    public static readonly DiagnosticDescriptor MissingKey = new("DLG1004", E, "{0} is missing the required key '{1}'");
    public static readonly DiagnosticDescriptor InvalidValue = new("DLG1005", E, "invalid value '{0}' for '{1}': {2}");
    public static readonly DiagnosticDescriptor DuplicateId = new("DLG1006", E, "{0} '{1}' is defined twice (first at {2})");
    public static readonly DiagnosticDescriptor NoFiles = new("DLG1007", E, "no *.yaml dialog files found in '{0}'");
    public static readonly DiagnosticDescriptor StepKind = new("DLG1008", E, "a step needs exactly one of {0}; found {1}");
    public static readonly DiagnosticDescriptor MissingBot = new("DLG1009", E, "no 'bot:' settings found in any file; add a 'bot:' section with id, name and languages");
    public static readonly DiagnosticDescriptor EmptyFile = new("DLG1011", W, "the file has no content and adds nothing to the bot; write its sections (flows:, responses:, …) or delete it");
    public static readonly DiagnosticDescriptor InvalidId = new("DLG1010", E, "'{0}' is not a valid id: use the letters a-z and A-Z (no umlauts, ß or accents), digits, '_' and '-', starting with a letter");
    // DLG1050-1059, DLG2050-2069, DLG3050-3059: steps (http, clear, goto limits, confirmations, variants; issue 13).
    public static readonly DiagnosticDescriptor UnquotedPlaceholder = new("DLG1050", E, "{0}: without quotes YAML reads '{{{{ {1} }}}}' as a mapping; write it in quotes: \"{{{{ {1} }}}}\"");

    // DLG1020-1029, DLG2030-2049: time, templates and buttons (authoring language v2, issue 13).
    public static readonly DiagnosticDescriptor FileSlotOption = new("DLG1021", E, "invalid '{0}' '{1}' on file slot type '{2}': {3}");
    public static readonly DiagnosticDescriptor IgnoredKey = new("DLG1020", W, "'{0}' has no effect on slot type '{2}' of kind {1}; '{0}' applies to the kinds {3}");

    // DLG1080-1089, DLG2080-2089: knowledge answers (issue 13).
    public static readonly DiagnosticDescriptor KnowledgeFileMissing = new("DLG1080", E, "knowledge file '{0}' does not exist (looked for {1}); paths are relative to the YAML file that names them");
    public static readonly DiagnosticDescriptor KnowledgeFileEmpty = new("DLG1081", W, "knowledge file '{0}' has no text to answer from");
    public static readonly DiagnosticDescriptor AnswerWithoutKnowledge = new("DLG2080", E, "answer step '{0}' in flow '{1}' has nothing to answer from; add a 'knowledge:' section with Markdown files");
    public static readonly DiagnosticDescriptor AnswerQuestionSlot = new("DLG2081", E, "answer step '{0}' reads its question from slot '{1}', which is {2}; use a text slot, or leave 'answer:' empty to answer the user's message");

    // DLG1090-1099, DLG2090-2099: forms on responses (Adaptive Card inputs bound to slots; issue 14).
    public static readonly DiagnosticDescriptor EmptyForm = new("DLG1090", E, "the form of response '{0}' has no fields; list the slots it asks for under fields:");
    public static readonly DiagnosticDescriptor FormSlotScope = new("DLG2090", E, "the form of response '{0}' asks for slot '{1}', which is not a slot in scope where the response is used ({2})");
    public static readonly DiagnosticDescriptor FormSlotKind = new("DLG2091", E, "the form of response '{0}' asks for slot '{1}', whose type '{2}' is {3}: a card has no input for it; {4}");

    public static readonly DiagnosticDescriptor UnknownResponse = new("DLG2001", E, "unknown response '{0}'");
    public static readonly DiagnosticDescriptor UnknownStep = new("DLG2002", E, "unknown step '{0}' in flow '{1}'");
    public static readonly DiagnosticDescriptor UnknownSlot = new("DLG2003", E, "unknown slot '{0}' in flow '{1}'");
    public static readonly DiagnosticDescriptor UnknownType = new("DLG2004", E, "unknown slot type '{0}'");
    public static readonly DiagnosticDescriptor UnknownService = new("DLG2005", E, "unknown service '{0}'");
    public static readonly DiagnosticDescriptor UnknownFlow = new("DLG2006", E, "unknown flow '{0}'");
    public static readonly DiagnosticDescriptor ExpressionSyntax = new("DLG2007", E, "expression '{0}' does not parse: {1}");
    public static readonly DiagnosticDescriptor ExpressionType = new("DLG2008", E, "expression '{0}' is not well typed: {1}");
    public static readonly DiagnosticDescriptor PlaceholderScope = new("DLG2009", E, "placeholder '{{{{ {0} }}}}' in response '{1}' ({2}) is not a slot in scope where it is used ({3})");
    public static readonly DiagnosticDescriptor MissingLanguage = new("DLG2010", E, "no '{1}' text in {0}; a bot in {2} needs a text in each");
    public static readonly DiagnosticDescriptor PlaceholderMismatch = new("DLG2011", E, "response '{0}' uses different placeholders in '{1}' ({2}) and '{3}' ({4})");
    public static readonly DiagnosticDescriptor UnknownLanguage = new("DLG2013", E, "language '{0}' is not one of the bot's languages ({1}); add it to bot.languages or remove this text");
    public static readonly DiagnosticDescriptor TextCutAtComma = new("DLG2013", E, "'{0}' is read as a language key, so a text was cut at a comma: inside '{{ … }}' a comma ends a value; put that text in quotes (de: \"Wie viele Kilo (0,5 bis 5)?\") or write each language on its own line");
    public static readonly DiagnosticDescriptor InlineSecret = new("DLG2014", E, "header '{0}' of service '{1}' has a fixed inline value; secrets must come from configuration: use '{{ config: Some:Key }}' (a value built from slots, '{{{{ slot }}}}', is fine)");
    public static readonly DiagnosticDescriptor CallMapping = new("DLG2015", E, "call to '{0}' maps '{1}', which is not declared in that flow's {2}");
    public static readonly DiagnosticDescriptor CallOutputsSwapped = new("DLG2015", E, "outputs '{0}: {1}' is the wrong way round: '{0}' is an output of '{2}' and '{1}' a slot of '{3}'; write '{1}: {0}' (this flow's slot: the called flow's output)");
    public static readonly DiagnosticDescriptor SlotClash = new("DLG2016", E, "slot '{0}' of flow '{1}' has the same name as a bot-wide slot");
    public static readonly DiagnosticDescriptor DuplicateStep = new("DLG2017", E, "step id '{0}' is used twice in flow '{1}'");
    public static readonly DiagnosticDescriptor InvalidPattern = new("DLG2018", E, "regular expression '{0}' is invalid: {1}");
    public static readonly DiagnosticDescriptor AssignType = new("DLG2019", E, "cannot assign a {0} to slot '{1}' of type {2}");
    public static readonly DiagnosticDescriptor InvalidJsonPath = new("DLG2020", E, "'{0}' is not a supported JSON path; use '$.field' or '$.a.b[0].c'");
    public static readonly DiagnosticDescriptor UnknownEnumValue = new("DLG2021", E, "'{0}' is not a value of enum type '{1}'");
    public static readonly DiagnosticDescriptor UnknownInterruption = new("DLG2022", E, "'{0}' in interruptions is neither a pattern ({1}) nor a routable flow; use all, none, or a list of those");
    public static readonly DiagnosticDescriptor RetryWithoutIdempotencyKey = new("DLG2050", W, "http step '{0}' sends a {1} with retry {2} but no idempotency_key, so it is never retried (a retry could place it twice); add idempotency_key so the service can drop duplicates");
    public static readonly DiagnosticDescriptor EditAndChangePrompt = new("DLG2051", E, "confirm step '{0}' has both 'edit' and 'on_no: {{ prompt }}'; use one way to handle 'no'");
    public static readonly DiagnosticDescriptor StepTemplateSyntax = new("DLG2053", E, "template '{0}': {1}");
    public static readonly DiagnosticDescriptor ButtonsFromResult = new("DLG2055", E, "buttons of response '{0}' come from the result '{1}', but {2}");
    public static readonly DiagnosticDescriptor OptionalShown = new("DLG2056", W, "response '{0}' ({1}) shows '{{{{ {2} }}}}', but the ask for '{2}' in flow '{3}' is optional: when the user skips it the text shows nothing there");
    public static readonly DiagnosticDescriptor PatternExampleClash = new("DLG2097", E, "'{0}' cannot be a phrase of pattern '{1}': {2}");
    public static readonly DiagnosticDescriptor OutOfScopeExampleClash = new("DLG2098", E, "'{0}' cannot be an out-of-scope example: {1}");
    public static readonly DiagnosticDescriptor FromOpeningNotText = new("DLG2054", E, "ask '{0}' has from_opening, but slot '{0}' is {1}: only a text slot takes the opening message as its answer");
    public static readonly DiagnosticDescriptor VariantScope = new("DLG2052", E, "the condition of a variant of response '{0}' uses '{1}', which is not a slot in scope where the response is used ({2})");

    public static readonly DiagnosticDescriptor ReservedSlotName = new("DLG2030", E, "slot '{0}' has a reserved name: '{0}' has its own meaning in expressions; rename the slot");
    public static readonly DiagnosticDescriptor UnknownFilter = new("DLG2031", E, "unknown filter '{0}' in response '{1}' ({2}); known filters: {3}");
    public static readonly DiagnosticDescriptor FilterKind = new("DLG2032", E, "filter '{0}' in response '{1}' ({2}) needs {3}, but '{4}' is {5}");
    public static readonly DiagnosticDescriptor MissingLabel = new("DLG2033", E, "'{{{{ {0} | label }}}}' in response '{1}' ({2}): value '{3}' of type '{4}' has no label; add label: {{ {5} }} to the value");
    public static readonly DiagnosticDescriptor FlowLabelMissing = new("DLG2034", W, "flow '{0}' has no label, so '{{{{ {1} }}}}' in response '{2}' shows its description instead; add label: {{ {3} }} to the flow");
    public static readonly DiagnosticDescriptor TemplateSyntax = new("DLG2035", E, "response '{0}' ({1}): {2}");
    public static readonly DiagnosticDescriptor ButtonsFromSlot = new("DLG2036", E, "buttons of response '{0}' come from slot '{1}', which {2} where the response is used ({3})");
    public static readonly DiagnosticDescriptor ButtonTextClash = new("DLG2037", E, "a button sends '{0}' ({1}) in response '{2}' and in response '{3}' but means '{4}' and '{5}'; a sent text must mean one thing");
    public static readonly DiagnosticDescriptor NamePlaceholderScope = new("DLG2038", E, "'{{{{ {0} }}}}' in response '{1}' ({2}) never has a value where the response is used ({3})");
    public static readonly DiagnosticDescriptor ButtonValueUnknown = new("DLG2040", W, "a button of response '{0}' has the value '{1}', which is no flow and no value of a slot type: a click is read as if the user typed '{1}'");
    public static readonly DiagnosticDescriptor SingleBracePlaceholder = new("DLG2041", W, "'{0}' in response '{1}' ({2}) is sent as written: a placeholder has two braces, {{{{ {3} }}}}");
    public static readonly DiagnosticDescriptor SlotLabelMissing = new("DLG2042", W, "slot '{0}' is asked in flow '{1}' but has no label, so \"what do you need?\" ({{{{ flow.missing }}}}) and the recap ({{{{ flow.values }}}}) call it '{2}' in {3} alike; add label: {{ {4} }} to the slot");
    public static readonly DiagnosticDescriptor NoFlowPlaceholder = new("DLG2039", E, "'{{{{ {0} }}}}' in response '{1}' ({2}) names a flow, but the response is used where no flow is active ({3}); it would show '{4}'. Name the flow in the text or use the response inside a flow");

    // DLG1070-1079, DLG2070-2079: events (issue 16).
    public static readonly DiagnosticDescriptor EventAction = new("DLG1070", E, "event '{0}' needs exactly one of 'start: <flow>' and 'say: <response>'; found {1}");
    public static readonly DiagnosticDescriptor EventInputSlot = new("DLG2070", E, "input '{0}' of event '{1}' is not a slot {2}; inputs fill slots of the started flow or bot-wide slots");
    public static readonly DiagnosticDescriptor RememberKeyScope = new("DLG2072", E, "the key '{0}' of remember step '{1}' must start with a scope of its own such as 'order:' (letters, digits, '_', '-' or '.', then ':') before any placeholder, so keys of different kinds never meet");
    public static readonly DiagnosticDescriptor EventInputField = new("DLG2071", E, "inputs '{0}' and '{1}' of event '{2}' both read payload field '{3}'; give each input its own field");

    public static readonly DiagnosticDescriptor AttemptBudget = new("DLG3001", E, "max_attempts must be between 1 and {1}, found {0}: an ask must give up eventually");
    public static readonly DiagnosticDescriptor UnboundedLoop = new("DLG3002", E, "steps {0} form a loop that never waits for the user; add an ask or confirm inside it or remove the goto");
    public static readonly DiagnosticDescriptor CallCycle = new("DLG3003", E, "flows call each other in a cycle: {0}");
    public static readonly DiagnosticDescriptor Unreachable = new("DLG3004", W, "step '{0}' in flow '{1}' can never be reached");
    public static readonly DiagnosticDescriptor EmptyFlow = new("DLG3005", E, "flow '{0}' has no steps");
    public static readonly DiagnosticDescriptor UnusedResponse = new("DLG3007", W, "response '{0}' is never used");
    public static readonly DiagnosticDescriptor NoExamples = new("DLG3006", W, "routable flow '{0}' has no examples; users can only reach it through a call or a button");
    public static readonly DiagnosticDescriptor ButtonsFromResultOnSomePaths = new("DLG3008", W, "buttons of response '{0}' come from the result '{1}', but flow '{3}' can reach {2} without it, and there the buttons are missing: {4}");
    public static readonly DiagnosticDescriptor ChangeNeverConfirms = new("DLG3050", E, "on_change of confirm step '{0}' goes to '{1}', from where the flow never comes back to this confirmation; name a step before it");
    public static readonly DiagnosticDescriptor StaleAtConfirmation = new("DLG3051", W, "confirm step '{0}' shows '{{{{ {1} }}}}', which step '{2}' works out from '{3}'; when the user corrects '{3}' there, '{1}' stays as it was ({4}); add on_change: <step> with the step to run again from");
}
