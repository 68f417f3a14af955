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

    /// <summary>
    /// Thanks and goodbyes: small talk (<see cref="CommandKind.Chitchat"/>, and examples of it for similarity
    /// recognizers) that gets its own reply ("You're welcome!", "Goodbye!") instead of the general small-talk one.
    /// </summary>
    public required Dictionary<SmallTalkKind, string[]> SmallTalk { get; init; }

    /// <summary>
    /// Whole-utterance questions about the conversation itself ("where was I?", "why do you need that?"): answered by a
    /// built-in response and the question again, never taken as an answer (not even at a free-text question). Questions
    /// about the options count only at a question with fixed choices. A <c>*</c> in a phrase stands for any one word
    /// ("what * do you have": sizes, colours).
    /// </summary>
    public required Dictionary<StepQuestion, string[]> StepQuestions { get; init; }

    /// <summary>
    /// Asking to give an answer again without giving the new value ("change the address", "die Adresse ändern"): a
    /// <c>*</c> stands for one to three words that name what to change. Articles are ignored.
    /// </summary>
    public required string[] ChangeRequests { get; init; }

    /// <summary>
    /// How a user asks to cancel a thing by name ("cancel my *", "* abbrechen"): a cancel only when <c>*</c> names the
    /// flow that is running ("cancel my appointment" in the booking); articles are ignored.
    /// </summary>
    public string[] CancelRequests { get; init; } = [];

    /// <summary>
    /// Asking to give an answer a new value, with the value ("change the quantity to 3", "die Menge auf 3 ändern"): a
    /// <c>*</c> stands for one to three words that name what to change (articles and possessives ignored), a <c>#</c>
    /// for the new value as typed.
    /// </summary>
    public required string[] ChangeToRequests { get; init; }

    /// <summary>
    /// A statement of a slot's value, in <see cref="ChangeToRequests"/>' notation ("* is #", "* ist #"): after a "no" at a
    /// confirmation, "no, the title is Dune Messiah" corrects the slot it names.
    /// </summary>
    public string[] SlotStatements { get; init; } = [];

    /// <summary>
    /// A statement that something is called a name, in <see cref="SlotStatements"/>' notation ("* is called #", "* heißt
    /// #"): "no, the dog is called Bruno" gives the name, whatever word names the one it belongs to.
    /// </summary>
    public string[] NameStatements { get; init; } = [];

    /// <summary>
    /// Words that open a correction of something said before ("actually", "I meant", "eigentlich"): after one, a bare
    /// number or value is a new value for what the user gave, not an answer to the question on screen.
    /// </summary>
    public required string[] CorrectionOpeners { get; init; }

    /// <summary>
    /// Words that replace what was said with the words after them and name no slot ("make it", "change it to", "lieber",
    /// "mach daraus"): at a confirmation, the new value of its only confirmed free text ("make it The Hobbit").
    /// </summary>
    public string[] ItChanges { get; init; } = [];

    /// <summary>
    /// Openers that make a question a request ("can we do Wednesday?", "how about Friday?", "können wir Mittwoch nehmen?"):
    /// a value in it is what the user asks for, not what they ask about.
    /// </summary>
    public required string[] RequestOpeners { get; init; }

    /// <summary>Words anywhere in a message that say it replaces something ("Wednesday instead", "lieber Mittwoch").</summary>
    public required string[] ChangeMarkers { get; init; }

    /// <summary>
    /// Requests and availability questions around a value, "#" standing for it ("can you do #", "is # free", "geht #",
    /// "hätten sie # was frei"): a day said in one is the day asked for, as the day alone is (<see cref="Lexicon.AskedForValue"/>).
    /// </summary>
    public string[] ValueRequests { get; init; } = [];

    /// <summary>
    /// Frames in which the user says they do not know, have or find something, "#" standing for it ("I don't know #",
    /// "ich finde # nicht"): at a question whose slot it names, the same as "I don't know" (<see cref="Lexicon.UnknownThing"/>).
    /// </summary>
    public string[] UnknownThings { get; init; } = [];

    /// <summary>
    /// Openers of a question whether the user may do something ("can I bring …", "darf ich … mitbringen"): its verb
    /// follows the opener, or, with <see cref="VerbLast"/>, ends the question.
    /// </summary>
    public string[] PermissionOpeners { get; init; } = [];

    /// <summary>
    /// Verbs after a permission opener that ask to be given something ("can I get …", "can I have …", "kann ich … bekommen"):
    /// a request for the thing, not a question about a rule (<see cref="Lexicon.AsksToBeGiven"/>).
    /// </summary>
    public string[] GivingVerbs { get; init; } = [];

    /// <summary>
    /// Words in a permission question that say where a thing comes from, not what it is ("can I bring food from
    /// outside?", "darf ich eigenes Essen mitbringen?"): "of your own" is how a text says it, so they are not asked of.
    /// </summary>
    public string[] OwnOrigins { get; init; } = [];

    /// <summary>
    /// Openers of a question whether the business does something ("do you sell …", "can you pick up …", "könnt ihr …
    /// abholen"): its verb follows the opener, or, with <see cref="VerbLast"/>, ends the question (<see cref="Lexicon.AsksCapability"/>).
    /// </summary>
    public string[] CapabilityOpeners { get; init; } = [];

    /// <summary>
    /// Pronouns for the business after a verb that opens a question whether it does something, in a language that puts
    /// the verb first ("verkauft ihr …?", "bieten Sie … an?").
    /// </summary>
    public string[] CapabilityPronouns { get; init; } = [];

    /// <summary>Words between such an opener and its verb that change nothing ("also", "guys", "auch", "eigentlich").</summary>
    public string[] CapabilityFillers { get; init; } = [];

    /// <summary>
    /// Verbs of such a question that only ask whether the business has or offers a thing ("do you have …", "do you offer
    /// …", "macht ihr …"): any text that names the thing answers it, not only one that says "we" and the verb.
    /// </summary>
    public string[] HavingVerbs { get; init; } = [];

    /// <summary>How a text says the business does something: the word for it as a doer ("we repair e-bikes", "Hausbesuche machen wir").</summary>
    public string[] BusinessSubjects { get; init; } = [];

    /// <summary>Verbs after such an opener that ask for help with something, not whether the business does it ("can you help with …").</summary>
    public string[] HelpVerbs { get; init; } = [];

    /// <summary>
    /// Words that make a message a complaint ("I want to complain about …", "ich möchte mich beschweren"): an ask of its own,
    /// whatever thing of the bot's it names (<see cref="Lexicon.Complains"/>).
    /// </summary>
    public string[] ComplaintWords { get; init; } = [];

    /// <summary>True for a language whose infinitive ends a question ("kann ich einen Freund mitbringen").</summary>
    public bool VerbLast { get; init; }

    /// <summary>
    /// Words that join two requests in one message ("renew my loan and also reserve a book", "Ausleihe verlängern und
    /// dann ein Buch vormerken"), longest first: where one of them stands, each side may be a request of its own.
    /// </summary>
    public string[] RequestJoiners { get; init; } = [];

    /// <summary>Words that join a cancel phrase to the request after it besides <see cref="RequestJoiners"/> ("cancel this then book a new one").</summary>
    public string[] CancelJoiners { get; init; } = [];

    /// <summary>Answers to "What would you like to change?" that change nothing ("nothing", "it's fine", "passt schon").</summary>
    public required string[] NothingToChange { get; init; }

    /// <summary>
    /// Verbs that mean cancelling wherever they stand ("please cancel the laptop I ordered", "Reparatur abbrechen"),
    /// unlike "stop" ("it won't stop beeping"): with nothing running such a request asks for a flow about cancelling.
    /// </summary>
    public required string[] CancelVerbs { get; init; }

    /// <summary>
    /// Everyday words for what common slot names mean ("address": "Adresse", "Anschrift"), so "die Adresse ändern"
    /// finds the slot <c>address</c> (or <c>delivery_address</c>). Keys are words of English slot names.
    /// </summary>
    public required Dictionary<string, string[]> SlotWords { get; init; }

    /// <summary>
    /// Whole answers that say how many people come without a number ("just me", "nur ich", "zu dritt"), each with that
    /// count; read only at a question for a count of people (a slot that the words of <c>SlotWords["people"]</c> name).
    /// </summary>
    public required Dictionary<string, int> PeopleCounts { get; init; }

    /// <summary>Words before such an answer that change nothing ("we are", "wir sind"): "wir sind zu dritt" is "zu dritt".</summary>
    /// <summary>
    /// Words for people a party is made of, singular and plural ("adults", "a child", "Erwachsene", "Kinder"): a
    /// sum such as "two adults and a child" counts them (<see cref="Lexicon.PeopleCount"/>).
    /// </summary>
    public required string[] PartyNouns { get; init; }

    /// <summary>Words for a group whose size follows <see cref="GroupOf"/> ("a party of four", "eine Gruppe von 5"): a count of people.</summary>
    public string[] GroupNouns { get; init; } = [];

    /// <summary>The word between a group word and its size ("of", "von").</summary>
    public string GroupOf { get; init; } = "";

    /// <summary>Words for the speaker in a party ("me", "ich"): one person.</summary>
    public required string[] PartySelf { get; init; }

    /// <summary>Articles that count one ("a child", "an adult"); German's "ein" is a number word already.</summary>
    public required string[] OneArticles { get; init; }

    public required string[] PeopleCountLeads { get; init; }

    /// <summary>
    /// "me and my wife", "meine Frau und ich": two people, the user and one companion; each form has <c>{0}</c> where a
    /// word of <see cref="Companions"/> stands (one person each, so "me and my kids" says no count).
    /// </summary>
    public string[] CompanionForms { get; init; } = [];

    /// <summary>One person who comes with the user (<see cref="CompanionForms"/>): "wife", "Kollegin".</summary>
    public string[] Companions { get; init; } = [];

    /// <summary>Phrases unambiguous enough to mean the command inside a longer message.</summary>
    public required Dictionary<CommandKind, string[]> PhrasesInside { get; init; }

    /// <summary>Politeness and framing peeled off the start of a message before matching ("please", "I want to").</summary>
    public required string[] LeadingFillers { get; init; }

    /// <summary>
    /// First words that make a sentence a question without a question mark ("can I pay …", "gibt es …"): a side question
    /// the bot does not cover is said so instead of counting as a wrong answer.
    /// </summary>
    public required string[] QuestionStarts { get; init; }

    /// <summary>
    /// Subjects a finite verb stands before in a yes/no question of a verb-second language ("brauche ich einen Termin",
    /// "zahlt ihr das Krankenhaus", "kann man …"): any verb first and one of them second asks, where a statement puts the
    /// subject or another part first ("ich brauche …"). Not the polite "Sie", which follows an imperative too ("buchen Sie
    /// mir einen Termin"). A third-person verb (-t) before an article asks the same way ("kostet die Anmeldung etwas").
    /// </summary>
    public string[] VerbFirstSubjects { get; init; } = [];

    /// <summary>
    /// Question words that ask about something ("what", "when", "wann"), unlike the verbs of <see cref="QuestionStarts"/>
    /// that may ask for a value ("is tomorrow ok?"): a date inside such a question is what it asks about.
    /// </summary>
    public required string[] AskingWords { get; init; }

    /// <summary>Words that open the user's own account ("I lost my suitcase", "wir haben den Flug verpasst"): <see cref="Lexicon.TellsOwnStory"/>.</summary>
    public string[] StorySubjects { get; init; } = [];

    /// <summary>
    /// Words by which a statement tells of the user's own case: a subject with a verb of being or having ("we're", "I am",
    /// "it's", "wir haben", "sind wir") or a part of the party ("of us", "von uns"). A short statement with one of them may
    /// answer a yes/no question by saying its word back (<see cref="Lexicon.StatesOwnCase"/>); "insurance sounds expensive"
    /// has none and answers nothing.
    /// </summary>
    public string[] OwnCaseLeads { get; init; } = [];

    /// <summary>
    /// Words that point at one particular case: the user and what is theirs ("I", "my", "uns"), or a thing named as one
    /// both sides know ("the", "it", "das"): <see cref="Lexicon.PointsAtCase"/>.
    /// </summary>
    public string[] CaseWords { get; init; } = [];

    /// <summary>Words besides <see cref="AskingWords"/> that put a question inside a statement ("I want to know whether …", "ob").</summary>
    public string[] InnerQuestionWords { get; init; } = [];

    /// <summary>Openings that announce a question in statement form ("I have a question about my invoice", "kurze Frage").</summary>
    public required string[] QuestionOpeners { get; init; }

    /// <summary>
    /// Sentences around a free-text answer that only name what is asked ("my * is": "my address is 12 Baker Street"); a
    /// <c>*</c> stands for one to three words naming the slot (<see cref="SlotWords"/>). Peeled off the answer.
    /// </summary>
    public required string[] AnswerFrames { get; init; }

    /// <summary>How people introduce themselves ("I'm", "call me", "ich heiße"): peeled off the answer to a name question.</summary>
    public required string[] NameFrames { get; init; }

    /// <summary>The frames of <see cref="NameFrames"/> that say they give a name ("my name's", "ich heiße"), unlike "I'm" or "it's": a name also for a later question.</summary>
    public required string[] SelfNamingFrames { get; init; }

    /// <summary>
    /// Requests and answers that wrap the thing they name ("do you have # in stock", "is # available", "I'd like #",
    /// "it's for #", "ich brauche #"); <c>#</c> stands for up to four words, the thing itself (<see cref="Lexicon.FramedValue"/>).
    /// </summary>
    public string[] ValueFrames { get; init; } = [];

    /// <summary>
    /// Words that open a place after the thing a value frame holds ("do you have ibuprofen 400 at the market square",
    /// "am Marktplatz"): the thing ends before one when the frame holds more than four words.
    /// </summary>
    public string[] PlaceLeads { get; init; } = [];

    /// <summary>
    /// Words of a slot's name that ask for the user's own account, not for a thing ("description", "notes", "reason",
    /// "Beschreibung"): there a value frame is part of the answer ("I need a new battery" stays whole).
    /// </summary>
    public string[] DescriptionSlotWords { get; init; } = [];

    /// <summary>
    /// Words before "one" that make it a pronoun, not a count ("the big one", "that one", "a red one"): the number word
    /// for 1 right after one of these, or one word after, is no number. Empty where 1 is no pronoun (German).
    /// </summary>
    public required string[] PronounOneDeterminers { get; init; }

    /// <summary>
    /// Words that point at a button by its place ("the second one", "die zweite"): the place from 1, -1 for the last.
    /// With <see cref="OrdinalLeads"/> before and <see cref="OrdinalNouns"/> after, as the whole message.
    /// </summary>
    public Dictionary<string, int> Ordinals { get; init; } = [];

    /// <summary>Words that may stand before an ordinal ("the", "die"; not "a": "a second" is a moment).</summary>
    public string[] OrdinalLeads { get; init; } = [];

    /// <summary>Words that may follow an ordinal ("one", "option", "Möglichkeit").</summary>
    public string[] OrdinalNouns { get; init; } = [];

    /// <summary>
    /// A whole message that takes every one of the things just named ("both", "all of them", "beide"): after "Which
    /// amount do you mean: 1200 or 50?" no one amount, so that question again.
    /// </summary>
    public string[] AllOfThem { get; init; } = [];

    /// <summary>Politeness peeled off the end ("please", "thanks", "bitte").</summary>
    public required string[] TrailingFillers { get; init; }

    /// <summary>
    /// Greetings, politeness and hedges that frame a request without saying what it is ("hi", "could you please tell
    /// me", "I was wondering if", "können Sie mir sagen"): peeled off the start, with <see cref="LeadingFillers"/>, before
    /// a message is compared with example utterances, so the frame does not dilute what the request is about.
    /// </summary>
    public required string[] LeadingFrames { get; init; }

    /// <summary>Thanks and politeness that close a request ("thanks in advance", "vielen Dank"), peeled off the end with <see cref="TrailingFillers"/>.</summary>
    public required string[] TrailingFrames { get; init; }

    /// <summary>Possessive words before a noun ("my", "meine"): like articles, they do not name what is meant.</summary>
    public required string[] Possessives { get; init; }

    /// <summary>The possessives of the one who writes ("my", "our"; "mein", "unser"): what follows is the user's own thing.</summary>
    public string[] SpeakerPossessives { get; init; } = [];

    /// <summary>
    /// Words that deny what their clause says ("not", "doesn't", "nicht"): a command phrase inside such a clause is
    /// talked about, not asked for ("start over doesn't help", "I don't want to talk to a person").
    /// </summary>
    public required string[] Negations { get; init; }

    /// <summary>
    /// Verbs of needing ("need", "brauche"): denied with a <see cref="NoLongerWords"/> word after the negation, or with a
    /// <see cref="NoLongerPhrases"/> phrase, they ask to cancel what they name ("I don't need the appointment anymore",
    /// "den Termin brauch ich nicht mehr"), though their other words are a booking's ("ich brauche einen Termin").
    /// </summary>
    public string[] NeedVerbs { get; init; } = [];

    /// <summary>Words that say "no longer" after a negation ("anymore", "after all", "mehr" in "nicht mehr", "keinen … mehr").</summary>
    public string[] NoLongerWords { get; init; } = [];

    /// <summary>Phrases that say "no longer" by themselves ("no longer", "doch nicht").</summary>
    public string[] NoLongerPhrases { get; init; } = [];

    /// <summary>
    /// "Open" before an amount of money means owed, not opening hours: the forms of "open" (<see cref="OpenForms"/>) right
    /// before a word of <see cref="AmountNouns"/> (or a compound ending in one, "Restbetrag") are read as
    /// <see cref="OwedWord"/> ("meinen offenen Saldo ausgleichen" pays a bill; it was turned down by "habt ihr offene Stellen").
    /// </summary>
    public string[] OpenForms { get; init; } = [];

    /// <summary>Nouns of an amount owed or paid ("Saldo", "Betrag", "Rechnung"), after which an <see cref="OpenForms"/> word is <see cref="OwedWord"/>.</summary>
    public string[] AmountNouns { get; init; } = [];

    /// <summary>The word an <see cref="OpenForms"/> word before an amount is read as (a word of the paying group of <see cref="WordConcepts"/>).</summary>
    public string? OwedWord { get; init; }

    /// <summary>
    /// Phrases whose negation word denies nothing ("never mind"): after a no they still agree with it ("nah never mind").
    /// </summary>
    public string[] IdiomsWithNegation { get; init; } = [];

    /// <summary>
    /// Words that take the choice right after them out of an answer ("not the harbour", "anything but central", "alles
    /// außer Hafen", "keine Zentrale"): one to three words, normalised.
    /// </summary>
    public required string[] ChoiceExclusions { get; init; }

    /// <summary>
    /// Words that may stand between such an exclusion and the choice it takes out ("not <em>the</em> harbour", "except
    /// <em>at</em> north", "nicht <em>in der</em> Zentrale"): articles, possessives, place prepositions.
    /// </summary>
    public required string[] ChoiceExclusionFillers { get; init; }

    /// <summary>Words that join choices into a list ("and", "or", "oder"): a choice listed after a taken-out one is taken out too ("except central and harbour").</summary>
    public required string[] ChoiceListJoiners { get; init; }

    /// <summary>
    /// How a short follow-up to the question just answered opens ("and on my iPad?", "what about the guest wifi?", "und
    /// auf dem iPad?"): it names only what changes.
    /// </summary>
    public required string[] FollowUpOpeners { get; init; }

    /// <summary>Words ignored when comparing command phrases.</summary>
    public required string[] Articles { get; init; }

    /// <summary>
    /// Prepositions of place ("in my street", "in meiner Straße"): the article after one says where something is, not the
    /// thing a request is about.
    /// </summary>
    public string[] PlacePrepositions { get; init; } = [];

    /// <summary>
    /// Prepositions of a place one goes to or comes from ("fly to Dublin", "from Oslo"): with <see cref="PlacePrepositions"/>,
    /// what names a place after them (a destination is what a request is about, so these are apart).
    /// </summary>
    public string[] DirectionPrepositions { get; init; } = [];

    /// <summary>Everyday words that can stand where a request names its object and are no title ("renew online", "both").</summary>
    public string[] NoTitles { get; init; } = [];

    /// <summary>
    /// Pronouns for the choices a question has just offered ("them", "these", "denen", "beiden") and words that ask to tell
    /// them apart ("difference", "compare", "Unterschied"): <see cref="Lexicon.AskedOfChoices"/>.
    /// </summary>
    public string[] ChoicePronouns { get; init; } = [];

    /// <inheritdoc cref="ChoicePronouns"/>
    public string[] ComparingWords { get; init; } = [];

    /// <summary>
    /// Idioms whose words say something else than they mean, and the plain words for them ("sick of" -> "fed up with": no
    /// illness): <see cref="Lexicon.Plain"/>.
    /// </summary>
    public Dictionary<string, string> Idioms { get; init; } = [];

    /// <summary>
    /// How a verb's past participle is made from it: the infinitive's ending taken off (<see cref="InfinitiveEndings"/>:
    /// "melden" -> "meld"), a prefix put before it (<see cref="PastPrefixes"/>, "" among them: "bestellt") and an ending
    /// after it (<see cref="PastEndings"/>: "reported", "gemeldet"): <see cref="Lexicon.IsPastOf"/>.
    /// </summary>
    public string[] PastEndings { get; init; } = [];

    /// <inheritdoc cref="PastEndings"/>
    public string[] PastPrefixes { get; init; } = [""];

    /// <inheritdoc cref="PastEndings"/>
    public string[] InfinitiveEndings { get; init; } = [];
    public required Dictionary<string, int> Numbers { get; init; }

    /// <summary>
    /// Number words that are also everyday words of another language ("elf", "null" in English): no sign that a message
    /// is in this language (<see cref="LanguageDetector"/>).
    /// </summary>
    public string[] NumberWordsOfOtherLanguages { get; init; } = [];

    /// <summary>The word read out for a decimal separator ("one point five", "eins komma fünf").</summary>
    public string[] DecimalPoints { get; init; } = [];

    /// <summary>
    /// Number words that multiply what stands before them ("two hundred", "zweihundert", "three thousand"): with
    /// <see cref="Numbers"/> they make larger numbers ("a hundred and twenty", "dreihundertfünfzig").
    /// </summary>
    public Dictionary<string, int> Multipliers { get; init; } = [];

    /// <summary>The word that joins the parts of a number said in words ("a hundred and twenty", "einundzwanzig").</summary>
    public string[] NumberJoiners { get; init; } = [];

    /// <summary>Currency signs, codes and words around an amount ("€ 200", "200 EUR", "200 euros"): no part of the number.</summary>
    public string[] Currencies { get; init; } = [];

    /// <summary>
    /// Words for a hundredth of a currency ("32.9 cents", "32,9 Cent" a kWh): a price a passage states, never read away
    /// around a typed amount as <see cref="Currencies"/> are (80 cents is no 80 of a number slot).
    /// </summary>
    public string[] MinorCurrencies { get; init; } = [];

    /// <summary>
    /// Phrases that make a question ask for one kind of fact ("how much", "was kostet": a price; "how long": a duration):
    /// only a passage that states such a fact answers it (<see cref="Lexicon.AskedFactOf"/>).
    /// </summary>
    public Dictionary<AskedFact, string[]> FactQuestions { get; init; } = [];

    /// <summary>Words of such a question besides its phrase that name the kind of fact, not the thing it is asked of ("cost", "dauert").</summary>
    public string[] FactQuestionWords { get; init; } = [];

    /// <summary>
    /// Words that ask a question of the place itself, its way and its hours ("how far", "open", "wie weit", "geöffnet"):
    /// "how far is it?" during a booking is asked of the shop, not of the repair chosen (<see cref="Lexicon.AskedOf"/>).
    /// </summary>
    public string[] PlaceFactWords { get; init; } = [];

    /// <summary>
    /// Words that only place what a question asks about near the user or on the way there ("is there parking nearby?",
    /// "in der Nähe", "which bus goes to you?"): no text needs to say them for a passage to have every word of the question.
    /// </summary>
    public string[] NearbyWords { get; init; } = [];

    /// <summary>
    /// Words for what a business offers ("offer", "services", "Leistungen", "Angebot"): a help question that asks with one
    /// ("what do you offer?") names a knowledge section headed by another ("Our services"): <see cref="Lexicon.IsOfferWord"/>.
    /// </summary>
    public string[] OfferWords { get; init; } = [];

    /// <summary>Verbs after a section's own word that make a sentence say what it is ("The excess is the deductible ...").</summary>
    public string[] DefinitionVerbs { get; init; } = [];

    /// <summary>Question words that ask the way to do or find something ("where do I find …", "wie lese ich …").</summary>
    public string[] WayQuestionWords { get; init; } = [];

    /// <summary>
    /// Openings of a question for the way to do something, right before its verb ("how do I", "how to"): the words that
    /// say how it is to be done are what a text must speak of to answer it (<see cref="Lexicon.WayToDo"/>).
    /// </summary>
    public string[] WayToDoOpenings { get; init; } = [];

    /// <summary>Words before a short number that make it one to call ("in an emergency call 112", "wählen Sie 112").</summary>
    public string[] CallWords { get; init; } = [];

    /// <summary>Verbs of bringing or needing that make a sentence state what to bring or show ("bring your ID card", "bringen Sie … mit").</summary>
    public string[] DocumentVerbs { get; init; } = [];

    /// <summary>Units a stated duration ends with ("2 hours", "vier Wochen").</summary>
    public string[] DurationUnits { get; init; } = [];

    /// <summary>Words before a number of years that make it an age, not a duration ("under 24", "unter 24 Jahren").</summary>
    public string[] AgeBounds { get; init; } = [];

    /// <summary>Words that state a price without an amount ("free", "kostenlos").</summary>
    public string[] FreeOfCharge { get; init; } = [];

    /// <summary>Words after an hour that make it a time of day ("9 am", "8 Uhr").</summary>
    public string[] ClockWords { get; init; } = [];

    /// <summary>Function words: little meaning for matching examples, but they tell languages apart.</summary>
    public required string[] StopWords { get; init; }

    /// <summary>
    /// Verbs that say little of what is wanted ("einen Termin machen", "geben Sie mir …"): function words as
    /// <see cref="StopWords"/> are, and still verbs a separable prefix belongs to ("ich gebe den Schlüssel ab").
    /// </summary>
    public string[] LightVerbs { get; init; } = [];

    /// <summary>
    /// What a customer-service bot is often asked but rarely built for (account and payment matters, complaints, jobs,
    /// general knowledge, tasks for a personal assistant). Example-matching recognizers rank them with the flows'
    /// examples and answer cannot_handle when one is nearest; those close to a bot's own examples are dropped first.
    /// Avoid examples that hinge on a word service requests use too ("any news on my order" vs "what's the news").
    /// </summary>
    public required string[] OutOfScope { get; init; }

    /// <summary>Day words and their offset from today.</summary>
    public required Dictionary<string, int> RelativeDays { get; init; }

    /// <summary>
    /// Chat-speak typed as a whole word and the words it stands for ("u" -> "you", "nen" -> "einen"), read when a
    /// message is compared with examples and passages (where "u" is in none). Only words no user types as a value.
    /// </summary>
    public Dictionary<string, string> ChatSpeak { get; init; } = [];

    /// <summary>Weekday names, Sunday first (as <see cref="DayOfWeek"/>).</summary>
    public required string[] Weekdays { get; init; }

    /// <summary>
    /// Short weekday names and the weekday they stand for ("tue", "thurs"): typed as a day ("tue 2pm"); those that are
    /// everyday words as well ("sat", "sun") are in <see cref="EverydayWeekdayAbbreviations"/> too.
    /// </summary>
    public Dictionary<string, string> WeekdayAbbreviations { get; init; } = [];

    /// <summary>
    /// The <see cref="WeekdayAbbreviations"/> that are everyday words as well (German "so"): a day only as the whole
    /// answer ("So", "am So"), never a word inside a sentence ("so gegen 10 Uhr").
    /// </summary>
    public string[] EverydayWeekdayAbbreviations { get; init; } = [];

    /// <summary>
    /// The <see cref="EverydayWeekdayAbbreviations"/> that are a day when a message opens with them before its time ("sat at
    /// 10", "sun 2pm"); German "so gegen 10 Uhr" is "about 10", so German has none.
    /// </summary>
    public string[] WeekdayAbbreviationsBeforeTime { get; init; } = [];

    /// <summary>
    /// Words that open a clause against the one before ("but", "sondern", "lieber"): "morgen nicht, lieber Mittwoch",
    /// "not tomorrow but wednesday" deny only the day before them.
    /// </summary>
    public string[] ClauseContrasts { get; init; } = [];

    /// <summary>
    /// Words after which a day is when something began, gone by ("since", "seit"): "limping since the weekend, can we
    /// come on wednesday?" wants Wednesday; the rest of that clause names no day the user asks for.
    /// </summary>
    public string[] SinceWords { get; init; } = [];

    /// <summary>
    /// Days named by their week ("end of next week", "next weekend", "Ende nächster Woche"): the weeks from this one
    /// (weeks start on Monday) and the weekday in that week. Of this week (0), a day already gone is the one a week later
    /// ("next weekend" said on a Sunday is next Saturday).
    /// </summary>
    public Dictionary<string, (int Weeks, DayOfWeek Day)> WeekDays { get; init; } = [];

    /// <summary>
    /// Weeks said beside a weekday ("Tuesday next week", "nächste Woche Dienstag"): how many weeks from this one (weeks
    /// start on Monday). The weekday is the one in that week, even one already gone this week ("this week Monday" said
    /// on a Tuesday is yesterday, which the slot's rules may refuse, not next Monday).
    /// </summary>
    public Dictionary<string, int> Weeks { get; init; } = [];

    /// <summary>
    /// Months named without a day, each with how many months from this one ("next month" 1, "nächsten Monat" 1): a day
    /// said later alone ("the 15th", "Tuesday") is in that month. A month's name after <see cref="MonthPrefixes"/> ("in
    /// January", "im Januar") is one too.
    /// </summary>
    public Dictionary<string, int> MonthsAhead { get; init; } = [];

    /// <summary>Words before a month's name that make it a month without a day ("in January", "im Januar").</summary>
    public string[] MonthPrefixes { get; init; } = [];

    /// <summary>The units of "in 2 months", "in zwei Monaten": that day so many months on.</summary>
    public string[] MonthUnits { get; init; } = [];

    /// <summary>Words that take all of a month or week as a period ("the whole of March", "all of next week", "den ganzen März").</summary>
    public string[] WholeWords { get; init; } = [];

    /// <summary>The days of a month said as ordinal words ("ninth", "twenty-first"): "the ninth at 10", "December ninth".</summary>
    public Dictionary<string, int> DayOrdinals { get; init; } = [];

    /// <summary>
    /// The last day of a month ("end of the month", "Monatsende", "Ende nächsten Monats"): how many months from this one.
    /// </summary>
    public Dictionary<string, int> MonthEnds { get; init; } = [];

    /// <summary>
    /// Days of the year known by a name ("christmas eve", "Heiligabend", "new year's eve", "Silvester"), alone or after
    /// the word that opens a day ("on", "an", "am", "zu"): the month and the day, the next one from today on.
    /// </summary>
    public Dictionary<string, (int Month, int Day)> NamedDays { get; init; } = [];

    /// <summary>The words that open a named day ("on christmas eve", "an Heiligabend", "zu Silvester").</summary>
    public string[] NamedDayOpeners { get; init; } = [];

    /// <summary>
    /// Words before a month's name that say a part of it, not a day ("mid December", "early January", "Mitte Dezember",
    /// "Anfang Januar"): the first and the last day of the part (the last is cut to the month's length).
    /// </summary>
    public Dictionary<string, (int First, int Last)> MonthParts { get; init; } = [];

    /// <summary>
    /// Words before a week (<see cref="Weeks"/>) that say a part of it, not a day ("early next week", "mid next week",
    /// "Anfang nächster Woche", "sometime next week"): its first and last weekday (weeks start on Monday).
    /// </summary>
    public Dictionary<string, (DayOfWeek First, DayOfWeek Last)> WeekParts { get; init; } = [];

    /// <summary>Spans of days known by a name ("zwischen den Jahren"): their first and last day as (month, day).</summary>
    public Dictionary<string, ((int Month, int Day) First, (int Month, int Day) Last)> NamedSpans { get; init; } = [];

    /// <summary>
    /// Words around a weekday that put it weeks after its coming one ("the saturday after next", "saturday in a week",
    /// "a week from saturday", "übernächsten Freitag", "Samstag in einer Woche"): the words and how many weeks later;
    /// <see cref="LaterWeekdayPrefixes"/> stand before the weekday, <see cref="LaterWeekdaySuffixes"/> after it.
    /// </summary>
    public Dictionary<string, int> LaterWeekdayPrefixes { get; init; } = [];

    /// <inheritdoc cref="LaterWeekdayPrefixes"/>
    public Dictionary<string, int> LaterWeekdaySuffixes { get; init; } = [];
    public required string[] WeekdayPrefixes { get; init; }

    /// <summary>
    /// The <see cref="WeekdayPrefixes"/> that point past the coming day ("next", "nächsten"): "next Wednesday" said on a
    /// Tuesday is the Wednesday of next week (8 days), not tomorrow; for any other day it is the coming one.
    /// </summary>
    public required string[] NextWeekdayPrefixes { get; init; }

    /// <summary>
    /// Prefixes that point at the weekday before today ("last Monday", "letzten Montag"): said on a Monday, the one a
    /// week ago.
    /// </summary>
    public string[] LastWeekdayPrefixes { get; init; } = [];

    /// <summary>
    /// The <see cref="WeekdayPrefixes"/> (and none: a weekday alone) that name no week ("on Monday", "am Montag"): the
    /// coming such day, or, where only the past is allowed (an incident date), the last one.
    /// </summary>
    public string[] OpenWeekdayPrefixes { get; init; } = [];

    /// <summary>Words around a count of days or weeks that make it lie in the past: "3 days ago", "vor 3 Tagen".</summary>
    public string[] AgoBefore { get; init; } = [];
    public string[] AgoAfter { get; init; } = [];
    public required string[] DayUnits { get; init; }

    /// <summary>
    /// Words that close a period before its last day ("to", "until", "bis"): "from Dec 18 to Dec 20", "vom 18. bis 20.
    /// Dezember". Before a lone day they say the day is the period's end ("until Sunday": the departure).
    /// </summary>
    public string[] UntilWords { get; init; } = [];

    /// <summary>The words that open a period's first end ("friday from 10am to 6pm", "Freitag von 10 bis 18 Uhr").</summary>
    public string[] FromWords { get; init; } = [];

    /// <summary>The words for nights of a stay ("3 nights", "3 Nächte"): a period's length, from its first day.</summary>
    public string[] NightUnits { get; init; } = [];
    public required string[] WeekUnits { get; init; }

    /// <summary>Times of day said as a word ("noon", "Mitternacht").</summary>
    public required Dictionary<string, TimeOnly> TimeWords { get; init; }

    /// <summary>Day words that also mean the evening ("tonight", "heute abend"): a bare hour after them is p.m.</summary>
    public required string[] EveningWords { get; init; }

    /// <summary>How a kept part of the day reads after a day in a question ("in the morning", "vormittags"): morning, afternoon, evening.</summary>
    public Dictionary<string, string> DayPartPhrases { get; init; } = [];

    /// <summary>
    /// Parts of the day that end a weekday written as one word with it and read otherwise alone ("Sonntagmorgen" is
    /// Sunday "morgens": "morgen" alone is tomorrow); the other endings are time words as they are ("Donnerstagabend").
    /// </summary>
    public Dictionary<string, string> DayCompoundParts { get; init; } = [];

    /// <summary>Words that introduce a time of day ("at", "um").</summary>
    public required string[] TimePrefixes { get; init; }

    /// <summary>Time prefixes that introduce a count as often as a time ("a table for four", "for 7pm"): a number after one is a count unless it reads as a time itself.</summary>
    public required string[] CountPrefixes { get; init; }

    /// <summary>
    /// Words that end a street name ("Baker Street", "Hauptstraße", "Gartenweg"): a number next to one is a house
    /// number, never a count. Matched as the whole word or, for German compounds, as its end.
    /// </summary>
    public required string[] StreetWords { get; init; }

    /// <summary>True where the house number comes before the street ("12 Baker Street"), false where it follows ("Hauptstraße 5").</summary>
    public required bool HouseNumberFirst { get; init; }

    /// <summary>
    /// True where every noun is written with a capital letter (German): capitals then mark no name or title.
    /// </summary>
    public bool CapitalisesNouns { get; init; }

    /// <summary>
    /// Nouns that name something other than the thing said right before them, which then only modifies them: "phone
    /// number" is a number, "laptop bag" a bag, "Handy Hülle" a case. A value followed by one answers no value question.
    /// Parts of a thing ("laptop screen", "phone battery") are not here: a problem with them is a problem with the thing.
    /// </summary>
    public string[] HeadNouns { get; init; } = [];

    /// <summary>Words for the present moment ("now", "jetzt").</summary>
    public required string[] NowWords { get; init; }

    /// <summary>
    /// Phrases that ask for the earliest value a day or time question allows ("as soon as possible", "so früh wie
    /// möglich"), said as the whole answer.
    /// </summary>
    public string[] EarliestWords { get; init; } = [];

    /// <summary>
    /// Phrases for the earliest time of a morning, before or after its day ("first thing in the morning", "tomorrow first
    /// thing"): the first time the type allows that day.
    /// </summary>
    public string[] FirstThingWords { get; init; } = [];

    /// <summary>Phrases for the end of the working day said before its time ("after work at 6"): no time of their own.</summary>
    public string[] AfterWorkWords { get; init; } = [];

    /// <summary>Words before a time that make it the earliest time meant ("after 5pm", "nach 17 Uhr"), in lower case.</summary>
    public string[] AfterTimeWords { get; init; } = [];

    /// <summary>Words before a time that make it the end of the times meant ("before 10am", "vor 10 Uhr"), in lower case.</summary>
    public string[] BeforeTimeWords { get; init; } = [];

    /// <summary>
    /// Words before two times that make the first the earliest time meant ("between 6 and 7" is 6, "zwischen 18 und 19
    /// Uhr" 18:00), with the words that join the two ("and", "und"), in lower case.
    /// </summary>
    public string[] BetweenTimeWords { get; init; } = [];

    /// <summary>The words that join the two times of <see cref="BetweenTimeWords"/> ("and", "to", "und", "bis").</summary>
    public string[] BetweenTimeJoiners { get; init; } = [];

    /// <summary>
    /// Whole messages that give no answer to a free-text question ("skip", "n/a", "none", "keine Angabe"); with the
    /// "I don't know" questions (<see cref="StepQuestion.DontKnow"/>) they get the answer_required pattern there.
    /// </summary>
    public string[] NoAnswerWords { get; init; } = [];

    /// <summary>
    /// Words that only say when or where the user lacks the thing asked for ("right now", "grad", "gerade", "nicht da",
    /// "zur Hand"): an "I don't have it" (<see cref="StepQuestion.DontKnow"/>) says the same without them, so a message
    /// is read once more with them left out ("hab ich grad nicht da" is "hab ich nicht"). Only that reading: elsewhere they
    /// are words like any other.
    /// </summary>
    public string[] DontHaveFillers { get; init; } = [];

    /// <summary>Minute and hour unit words of relative times ("in 30 minutes", "in 2 Stunden").</summary>
    public required string[] MinuteUnits { get; init; }
    public required string[] HourUnits { get; init; }

    /// <summary>Word for "one" before a unit ("an hour", "einer Stunde").</summary>
    public required string[] OneWords { get; init; }

    /// <summary>Whole relative times said in words ("half an hour", "einer halben Stunde"), after "in".</summary>
    public required Dictionary<string, TimeSpan> SpanWords { get; init; }

    /// <summary>Month names, January first (for showing dates).</summary>
    public required string[] Months { get; init; }

    /// <summary>How a date, a time of day, and both read in this language (see <see cref="Lexicon.FormatDate"/>).</summary>
    public required string DatePattern { get; init; }
    public required bool TwelveHourClock { get; init; }
    public required string DateTimeJoiner { get; init; }

    // "first" to "thirty-first", also written "twenty first".
    // "am Zweiten", "zum einundzwanzigsten": the days of a month in German ordinal words, with and without their ending.
    private static Dictionary<string, int> GermanDayOrdinals()
    {
        string[] units = ["ers", "zwei", "drit", "vier", "fünf", "sechs", "sieb", "ach", "neun"];
        string[] teens = ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"];
        var stems = new Dictionary<string, int>(StringComparer.Ordinal) { ["zwanzigs"] = 20, ["dreißigs"] = 30, ["einunddreißigs"] = 31, ["sieben"] = 7 };
        for (var i = 0; i < units.Length; i++) stems[units[i]] = i + 1;
        for (var i = 0; i < teens.Length; i++) stems[teens[i]] = i + 10;
        string[] unitWords = ["ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];
        for (var i = 0; i < unitWords.Length; i++) stems[unitWords[i] + "undzwanzigs"] = 21 + i;
        var days = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (stem, day) in stems)
        {
            days[stem + "te"] = days[stem + "ten"] = days[stem + "ter"] = day;
        }
        return days;
    }

    private static Dictionary<string, int> EnglishDayOrdinals()
    {
        string[] units = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
        string[] teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"];
        var days = new Dictionary<string, int>(StringComparer.Ordinal) { ["twentieth"] = 20, ["thirtieth"] = 30 };
        for (var i = 0; i < units.Length; i++) days[units[i]] = i + 1;
        for (var i = 0; i < teens.Length; i++) days[teens[i]] = i + 10;
        for (var i = 0; i < units.Length; i++)
        {
            days["twenty-" + units[i]] = days["twenty " + units[i]] = 21 + i;
        }
        days["thirty-first"] = days["thirty first"] = 31;
        return days;
    }

    public static readonly LexiconWords English = new()
    {
        Language = "en",
        YesTitle = "Yes",
        NoTitle = "No",
        Yes =
        [
            "yes", "y", "yeah", "yep", "yup", "yes please", "sure", "ok", "okay", "correct", "right", "confirm", "confirmed",
            "absolutely", "definitely", "of course", "please do", "go ahead", "do it", "sounds good", "that's right",
            "that is right", "that's correct", "exactly", "true", "yea", "ya", "sure thing", "alright", "all right", "fine",
            "that's fine", "looks good", "perfect", "sounds great", "go for it", "certainly", "affirmative", "yes it is",
            "k", "kk", "okey", "okie", "ok thanks", "ok thx", "okay thanks", "ok thank you",
        ],
        No = ["no", "n", "nope", "nah", "not really", "no thank you", "wrong", "incorrect", "negative", "not now", "don't", "do not", "false", "no way", "not at all", "that's wrong", "that's not right"],
        Commands = new()
        {
            [CommandKind.Cancel] =
            [
                "cancel", "stop", "abort", "quit", "exit", "never mind", "nevermind", "forget it", "cancel that", "cancel this",
                "cancel it", "cancel everything", "cancel my order", "cancel the order", "stop this", "stop it",
                "I don't want to continue", "I want to stop",
            ],
            [CommandKind.Help] =
            [
                "help", "help me", "what can you do", "how does this work", "I need help", "what are my options", "what do you mean",
                "what can I do here", "what can I ask", "what can I ask you", "what do you do", "how can you help", "what can you help with",
                "what can you help me with", "how can you help me", "what else can you do", "what are you able to do",
                "what do you offer", "what can you offer", "what services do you have", "what services do you offer",
            ],
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
                "I want a real person", "live agent", "a real human", "speak with someone", "talk with someone", "get me a human",
                "connect me with someone", "transfer me to an agent",
                // A complaint asks for the one in charge (author18's cinema trial); "manager" alone may be an answer.
                "talk to a manager", "talk to the manager", "talk to your manager", "speak to a manager", "speak to the manager",
                "speak to your manager", "speak with a manager", "speak with the manager", "get me a manager", "get me the manager",
                "talk to a supervisor", "talk to your supervisor", "speak to a supervisor", "speak to your supervisor", "get me a supervisor",
            ],
            [CommandKind.Chitchat] =
            [
                "hi", "hello", "hey", "hey there", "hi there", "hello there", "good morning", "good afternoon", "good evening", "how are you",
                "who are you", "cool", "great", "nice", "awesome", "hiya", "howdy", "what's up", "how are you doing",
            ],
        },
        SmallTalk = new()
        {
            [SmallTalkKind.Thanks] =
            [
                "thanks", "thank you", "thank you very much", "thanks a lot", "thanks so much", "thank you so much", "many thanks", "cheers",
                "thx", "ty", "ok thanks", "okay thanks", "ok thank you", "great thanks", "perfect thanks", "thanks again",
                "thanks for your help", "thanks for the help", "thank you for your help",
            ],
            [SmallTalkKind.Goodbye] = ["bye", "goodbye", "bye bye", "see you", "see ya", "good night", "have a nice day", "ok bye", "thanks bye", "bye for now", "take care"],
        },
        StepQuestions = new()
        {
            [StepQuestion.WhereWasI] =
            [
                "where was I", "where were we", "what was I doing", "what were we doing", "what were we talking about",
                "where are we", "what was the question", "what was your question", "remind me where we were",
                "remind me what we were doing", "sorry where was I", "I forgot what we were doing",
                "what have you got so far", "what do you have so far", "what have I told you so far", "what did I say", "what did I tell you",
            ],
            [StepQuestion.WhyAsked] =
            [
                "why", "why do you need that", "why do you need this", "why do you need it", "why do you need to know",
                "why do you want to know", "why do you ask", "why are you asking", "why are you asking me that",
                "why is that needed", "why is this needed", "what do you need that for", "what do you need this for",
                "what is that for", "what is this for", "what's that for", "what's this for", "why does that matter",
                // issue 12: the user asks back at a free-text question ("why do you need my name?"); these were stored as the answer.
                "why do you need to know that", "why do you need to know this", "why do you want that", "why do you want this",
                "why do you want to know that", "why do you need that information", "why do you need this information",
                "why is that important", "why is this important", "why does it matter", "why does this matter", "why is that necessary",
                "why is this necessary", "why should I tell you", "why should I tell you that", "why do I have to tell you",
                "why do I have to tell you that", "why do I need to tell you", "what do you need it for",
                "why do you need my *", "why do you need my * *", "why do you want my *", "why do you want my * *",
                "why do you need to know my *", "what do you need my * for", "what do you want my * for",
                // The lead's trial (conv47): "why so late?" at the pickup day was off topic, though "why?" got the step's help.
                "why so *", "why that *", "why not sooner", "why not earlier", "why can't it be sooner", "why can't it be earlier",
                "why does it take so long", "why does that take so long", "why is it so late", "why is that so late", "why the wait",
            ],
            // issue 12 (conv51): the user asks what is still needed, to have it ready; the flow's missing answers, then the question.
            [StepQuestion.Needs] =
            [
                "what do you need from me", "what else do you need from me", "what do you need", "what else do you need",
                "what do you still need", "what do you still need from me", "what info do you need", "what info do you need from me",
                "what information do you need", "what information do you need from me", "what details do you need",
                "what details do you need from me", "what do you need to know", "what do you need to know from me",
                "what else do you need to know", "what do I need to give you", "what do I need to tell you",
                "what do I have to give you", "what do I have to tell you", "what do I need to provide", "what do I have to provide",
                "what is still missing", "what's still missing", "what else is missing", "what is missing", "what's missing",
                "what else do I need to tell you", "what do you want from me", "what information is needed", "what info is needed",
            ],
            [StepQuestion.GoBack] =
            [
                "go back", "go back one", "go back one step", "one step back", "previous question", "the previous question",
                "go back to the previous question", "back to the previous question", "the question before", "last question",
                "go back to the last question", "can we go back", "can I go back",
            ],
            [StepQuestion.Options] =
            [
                "options", "choices", "what options", "what are the options", "what are my options", "what options are there",
                "what options do I have", "what options do you have", "which options are there", "what are the choices",
                "what choices are there", "what choices do I have", "what can I choose", "what can I choose from",
                "what can I pick", "what can I pick from", "what do you have", "what is there", "what's there",
                "what is available", "what's available", "list the options", "show me the options",
                "what * do you have", "which * do you have", "what * are there", "which * are there", "what * are available",
                "which * are available", "what * do you offer", "which * do you offer", "what * can I choose",
                "which * can I choose", "what * can I choose from", "which * can I choose from", "what kind of * do you have",
                // The hotel trial: "what kinds of rooms are there?" at the room type was off_topic.
                "what kinds of * are there", "what kind of * are there", "what kinds of * do you have", "what kinds of *",
                "what types of * are there", "what type of * are there", "what types of * do you have", "what sorts of * are there",
                "what sort of * do you have", "which kinds of * are there", "which types of * are there",
                // "which sizes?", "what colours?": at a question with fixed choices (the only place this list is read) a
                // "which"/"what" and one word asks for them; a bare "what?" is a repeat (its own whole phrase wins).
                "which *", "what *", "what kind of *",
                // Lead's trial: "what can I order?" at the product question was "Sorry, I can't help with that here." One
                // verb only ("what can I do about my order" is no options question).
                "what can I *", "what can I * from", "what can I * here", "what * can I *", "which * can I *", "which ones are there",
                "which ones do you have", "which ones can I *", "what is on offer", "what's on offer",
                // Lead's trial at the bike shop's free times: "which ones are free?" was off_topic.
                "which ones are free", "which are free", "which ones are available", "which are available", "what is free",
                "what's free", "what is still free", "what's still free", "which * are free", "what * are free", "which * are still free",
            ],
            [StepQuestion.Repeat] =
            [
                "what", "sorry", "pardon", "pardon me", "excuse me", "come again", "say that again", "say again", "huh", "eh",
                "hmm", "hm", "repeat", "repeat that", "repeat the question", "can you repeat that", "could you repeat that",
                "can you repeat the question", "could you repeat the question", "what did you say", "what was that",
                "I don't understand", "I didn't understand", "I didn't get that", "I don't get it", "I didn't catch that",
                "I don't understand the question", "I dont understand the question", "what does that mean", "what does this mean",
                // issue 12: at a question "what do you mean?" asks about it; the built-in help spoke of "the topics I know".
                // At the top level (nothing asked) it stays a help phrase.
                "what do you mean",
            ],
            [StepQuestion.DontKnow] =
            [
                "I don't know", "I dont know", "don't know", "dont know", "dunno", "idk", "no idea", "I have no idea", "not sure",
                "I'm not sure", "I am not sure", "I don't remember", "I dont remember", "I forgot", "I forgot it",
                "I don't have it", "I dont have it", "I don't have one", "I dont have one", "I don't have that", "I lost it",
                // author21 (bank): the thing asked for as a pronoun, "I don't know them" at "What are the last four digits?".
                "I don't know it", "I dont know it", "I don't know them", "I dont know them", "I don't know that", "I dont know that",
                "I don't remember it", "I dont remember it", "I don't remember them", "I dont remember them", "I forgot them",
                "I don't have them", "I dont have them", "I can't find them", "I cant find them",
                // author18 (cinema): the subject left out, as typed in a hurry, is the same "I don't have it".
                "don't have it", "dont have it", "do not have it", "don't have one", "dont have one", "don't have that", "dont have that",
                "I can't find it", "I cant find it", "I can't find that", "where do I find it", "where do I find that",
                "where can I find it", "where can I find that", "where do I find this", "how do I find it", "how do I find that",
                "where is it", "how do I know",
                // "I don't know where to find it" at the customer number (citywaste trial: the format reprompt, an attempt lost).
                "where to find it", "where to find that", "where to find this", "where to look", "where it is",
                // "I don't have my card with me" at the card number (conv18: it offered to block the card as lost); a word or two for the
                // thing, and only "with me"/"on me": "I can't find my printer" describes a problem.
                "I don't have it with me", "I dont have it with me", "I don't have it on me", "I don't have my * with me",
                "I dont have my * with me", "I don't have my * on me", "I dont have my * on me", "I don't have the * with me",
                "I haven't got my * with me", "I haven't got it with me", "I don't have my * * with me", "I dont have my * * with me",
                "I don't have my * * on me",
                // author8: written out, and "the slip" as well as "my slip" ("I do not have the slip with me" got the reprompt).
                "I do not know", "I do not remember", "I do not have it", "I do not have one", "I do not have it with me",
                "I do not have my * with me", "I do not have the * with me", "I do not have my * * with me", "I do not have my * on me",
                "I don't have the * on me", "I dont have the * with me", "I don't have the * * with me",
                // Lead's trial: "I dont have the order number" at the order number was a wrong answer instead of the step's
                // help. Only a number, code or ID: "I don't have my charger" at a free-text question describes a problem.
                "I don't have the number", "I dont have the number", "I do not have the number", "I don't have a number",
                "I don't have the * number", "I dont have the * number", "I do not have the * number", "I don't have my * number",
                "I dont have my * number", "I do not have my * number", "I don't have a * number", "I dont have a * number",
                "I don't have an * number", "I haven't got the * number", "I haven't got my * number", "I don't have the * * number",
                "I don't have my * * number", "I don't have the * code", "I dont have the * code", "I don't have my * code",
                "I don't have the code", "I don't have the * id", "I dont have the * id", "I don't have my * id",
                "I don't have my * number here", "I dont have my * number here", "I don't have it here", "I dont have it here",
                "I don't have the * number here", "I don't have my * number with me", "I don't have my * number on me",
                // issue 12: "what should I write here?" at a free-text question was stored as the answer. The user asks what
                // to answer: the step's help says it, else (free text) answer_required, as for "I don't know".
                "what should I write", "what should I write here", "what do I write", "what do I write here", "what should I put",
                "what should I put here", "what do I put", "what do I put here", "what should I enter", "what should I enter here",
                "what do I enter here", "what should I say", "what should I answer", "what do I answer", "what am I supposed to write",
                "what am I supposed to write here", "what am I supposed to put here", "what am I supposed to enter", "what am I supposed to say", "what do you want me to write", "what do you want me to say", "what do you want me to put",
                "what do you want to know", "what exactly do you want to know", "what exactly do you need", "what do you need from me",
                "what kind of answer do you want", "what kind of answer do you need", "how should I answer", "how should I answer that",
                "what do you mean by that", "what do you mean by this", "what is meant", "what is meant by that", "what is meant here",
                "I don't know what to write", "I dont know what to write", "I don't know what to say", "I dont know what to say",
                "I don't know what to put", "I don't know what you mean", "I dont know what you mean", "not sure what to write",
                "not sure what to say", "no clue", "I have no clue", "no clue what to write",
            ],
        },
        CancelRequests = ["cancel *", "cancel my *", "stop *", "stop my *", "abort *", "forget *", "forget about *", "forget my *"],
        ChangeRequests =
        [
            "change *", "change my *", "edit *", "edit my *", "update *", "update my *", "fix *", "fix my *", "correct *", "correct my *",
            "* is wrong", "my * is wrong", "wrong *", "different *", "another *", "change * too", "redo *",
        ],
        ChangeToRequests =
        [
            "change * to #", "change * into #", "set * to #", "switch * to #", "update * to #", "correct * to #", "make * #",
            "* should be #", "* needs to be #", "i want to change * to #", "i'd like to change * to #",
        ],
        SlotStatements = ["* is #", "* was #", "* should say #"],
        NameStatements = ["* is called #", "* is named #", "* was called #", "* goes by #"],
        CorrectionOpeners = ["actually", "i meant", "i mean", "make it", "make that", "wait", "sorry", "oops", "rather", "instead", "correction",
            "forget that", "scratch that"],
        ItChanges = ["make it", "make that", "change it to", "change that to", "change it into", "switch it to", "set it to", "i meant"],
        RequestOpeners = ["can we", "could we", "can you", "could you", "would you", "will you", "can i", "could i", "may i", "can it be",
            "could it be", "how about", "what about", "is it possible to", "would it be possible to"],
        ChangeMarkers = ["instead", "rather"],
        ValueRequests = ["can you do #", "could you do #", "can we do #", "could we do #", "can you fit me in #", "could you fit me in #",
            "can i come #", "could i come #", "can i come in #", "could i come in #", "how about #", "what about #", "is # possible",
            "is # ok", "is # okay", "is # fine", "is # free", "is # available", "is # still free", "is # still available", "would # work",
            "does # work", "would # be possible", "would # be ok", "would # be okay", "do you have anything #", "do you have anything free #",
            "do you have something #", "do you have any time #", "do you have time #", "do you have a slot #", "do you have an appointment #",
            "have you got anything #", "is there anything #", "is there anything free #", "is anything free #", "any chance of #",
            "any chance #", "anything free #", "anything #", "any time #", "any slots #"],
        UnknownThings = ["i don't know #", "i dont know #", "i do not know #", "i don't remember #", "i dont remember #", "i do not remember #",
            "i can't remember #", "i cant remember #", "i cannot remember #", "i forgot #", "i've forgotten #", "i have forgotten #",
            "i can't find #", "i cant find #", "i cannot find #", "i don't have #", "i dont have #", "i do not have #", "i haven't got #",
            "i havent got #", "i have not got #", "i lost #", "i've lost #", "i have lost #", "no idea #", "i have no idea #", "not sure #",
            "i'm not sure #", "im not sure #", "where do i find #", "where can i find #", "where would i find #", "how do i find #",
            "where is #", "where's #"],
        PermissionOpeners = ["can i", "may i", "could i", "am i allowed to", "is it ok to", "can we", "may we", "are we allowed to"],
        GivingVerbs = ["get", "have", "book", "order", "reserve", "request", "arrange", "schedule"],
        OwnOrigins = ["from outside", "from home", "from elsewhere", "of my own", "of our own", "my own", "our own"],
        CapabilityOpeners = ["do you", "does your shop", "can you", "could you", "are you able to", "would you be able to", "do you guys", "can you guys"],
        CapabilityFillers = ["also", "even", "still", "actually", "please", "ever", "currently", "maybe"],
        HelpVerbs = ["help", "assist"],
        ComplaintWords = ["complain", "complains", "complained", "complaining", "complaint", "complaints"],
        HavingVerbs = ["do", "have", "got", "offer", "provide", "carry", "stock"],
        BusinessSubjects = ["we"],
        RequestJoiners = ["and after that", "and afterwards", "and also", "and then", "as well as", "and", "also", "plus"],
        CancelJoiners = ["then"],
        NothingToChange = ["nothing", "nothing really", "nothing to change", "nothing at all", "no changes", "no change", "it's fine", "its fine", "it is fine",
            "that's fine", "thats fine", "all good", "all fine", "all correct", "it's correct", "it's all correct", "it's all good", "leave it", "leave it as it is",
            "keep it", "keep it as it is", "it's ok", "it's okay", "looks fine"],
        CancelVerbs = ["cancel"],
        SlotWords = new()
        {
            ["address"] = ["delivery address", "shipping address", "street"],
            // "no", then "the day" at "What would you like to change?" for an appointment's date (conv67's trial).
            ["date"] = ["day"],
            ["email"] = ["e-mail", "mail", "email address", "e-mail address"],
            ["quantity"] = ["amount", "number", "count"],
            ["phone"] = ["phone number", "number"],
            // Places in a class, seats at a show: booked per person, so "me and my friend" is two.
            ["people"] = ["persons", "guests", "places", "seats", "spots"],
            ["party"] = ["people", "persons", "guests"],
            ["guests"] = ["people", "persons"],
        },
        PeopleCounts = new(StringComparer.Ordinal)
        {
            ["just me"] = 1, ["only me"] = 1, ["me alone"] = 1, ["me only"] = 1, ["alone"] = 1, ["on my own"] = 1, ["myself"] = 1,
            ["just myself"] = 1, ["only myself"] = 1, ["just the two of us"] = 2, ["the two of us"] = 2, ["both of us"] = 2,
            ["the three of us"] = 3, ["the four of us"] = 4, ["the five of us"] = 5,
        },
        PeopleCountLeads = ["we are", "we're", "i am", "i'm", "i come", "i'll come", "i will come", "we come", "we'll come", "it's", "it is"],
        PartyNouns = ["adult", "adults", "child", "children", "kid", "kids", "baby", "babies", "infant", "infants", "toddler", "toddlers",
            "teen", "teens", "teenager", "teenagers", "person", "persons", "people", "guest", "guests", "senior", "seniors"],
        PartySelf = ["me", "i", "myself"],
        GroupNouns = ["party", "group"],
        GroupOf = "of",
        OneArticles = ["a", "an"],
        CompanionForms = ["me and my {0}", "my {0} and me", "my {0} and i", "i and my {0}", "just me and my {0}", "only me and my {0}"],
        Companions = ["wife", "husband", "partner", "girlfriend", "boyfriend", "friend", "fiance", "fiancee", "son", "daughter", "child", "kid", "baby",
            "mother", "mom", "mum", "father", "dad", "brother", "sister", "colleague", "boss"],
        PhrasesInside = new()
        {
            [CommandKind.Handoff] =
            [
                "talk to a human", "talk to a person", "talk to an agent", "talk to a real person", "speak to a human",
                "speak to a person", "speak to an agent", "speak with a human", "speak with an agent", "speak with a person",
                "human agent", "real person",
                // Lead's insurance trial: "can I get a human on the phone" was a question for the knowledge, which had no answer.
                "get a human", "reach a human", "need a human", "want a human", "a human on the phone", "a person on the phone",
                "someone on the phone",
            ],
            [CommandKind.StartOver] = ["start over", "start from scratch"],
        },
        LeadingFillers =
        [
            "please", "pls", "ok", "okay", "oh", "well", "so", "hey", "um", "uh", "hmm", "actually", "just", "make it", "make that", "wait", "sorry",
            // Lead's trial: "sometime tomorrow afternoon?" at the clinic's reason question was kept as nothing.
            "maybe", "perhaps", "sometime", "some time", "possibly",
            "i want to", "i wanna",
            "i'd like to", "i would like to", "i need to", "can i", "could i", "may i", "can you", "could you", "would you",
            "let me", "let's", "let us", "i want", "i need", "i'd like",
        ],
        // "tomorrow morning if possible" at the clinic's reason question was no early answer (the lead's trial).
        TrailingFillers = ["please", "pls", "now", "right now", "thanks", "thank you", "thx", "then", "if possible", "if that's possible",
            "if that is possible", "if you can", "ideally", "preferably",
            // A courtesy with a negation denies nothing: "tomorrow if that's not a problem" is tomorrow (conv41).
            "if that's not a problem", "if that is not a problem", "if it's not a problem", "if it is not a problem", "if that's no problem",
            "if it's no problem", "if that's not too much trouble", "if it's not too much trouble", "if that's ok", "if that's okay",
            "if that is ok", "if that is okay", "if it's ok", "if it's okay", "if that works", "if that works for you",
            // A preference said after the value: "tomorrow would be best" at the reason question was no early answer (lead's trial).
            "would be best", "would be better", "would be great", "would be good", "would be ideal", "would be perfect", "would be fine",
            "would suit me", "would work", "would work for me", "works for me", "works best", "works best for me", "suits me", "suits me best",
            "is best", "is best for me", "is fine", "is fine by me", "is good for me", "is perfect"],
        PronounOneDeterminers = ["the", "a", "an", "this", "that", "which", "another", "other", "each", "every", "any", "no", "some", "my", "your"],
        Ordinals = new(StringComparer.Ordinal)
        {
            ["first"] = 1, ["1st"] = 1, ["second"] = 2, ["2nd"] = 2, ["third"] = 3, ["3rd"] = 3, ["fourth"] = 4, ["4th"] = 4,
            ["fifth"] = 5, ["5th"] = 5, ["last"] = -1,
        },
        OrdinalLeads = ["the"],
        OrdinalNouns = ["one", "option", "choice", "button"],
        AllOfThem = ["both", "both of them", "both amounts", "both together", "all", "all of them", "all of it", "all amounts", "all together", "altogether", "the two", "the two of them", "each", "each of them", "together"],
        AnswerFrames = ["my * is", "my * would be", "our * is", "the * is", "* is"],
        NameFrames = ["i'm", "i am", "im", "call me", "this is", "it's", "it is", "my name's", "the name's", "you can call me"],
        SelfNamingFrames = ["my name's", "the name's"],
        ValueFrames = ["do you have # in stock", "do you have # available", "do you have #", "have you got # in stock", "have you got #",
            "do you have any # in stock", "do you have any #", "have you got any # in stock", "have you got any #", "got any #",
            "do you sell #", "do you sell any #", "do you stock #", "do you carry #",
            "is # in stock", "is # available", "are # in stock", "are # available", "is there # in stock", "i need #", "i'd like #",
            "i would like #", "i'm looking for #", "i am looking for #", "it's for #", "it is for #", "its for #"],
        PlaceLeads = ["at", "near"],
        DescriptionSlotWords = ["description", "describe", "details", "detail", "notes", "note", "comment", "comments", "remarks", "message",
            "reason", "problem", "issue", "requests", "request", "symptoms", "story", "explanation"],
        QuestionOpeners = ["i have a question", "i've got a question", "i got a question", "quick question", "one question", "a question",
            "i was wondering", "i wonder", "just wondering", "until when", "since when", "by when", "any update", "any updates", "any news"],
        QuestionStarts = ["what", "whats", "where", "when", "why", "how", "who", "which", "can", "could", "do", "does", "did", "is", "are",
            "will", "would", "may", "should", "shall", "have", "has", "am"],
        AskingWords = ["what", "whats", "what's", "where", "when", "why", "how", "who", "which"],
        StorySubjects = ["i", "me", "myself", "we"],
        OwnCaseLeads = ["i am", "i'm", "im", "we are", "we're", "we both", "we all", "i have", "i've", "we have", "we've", "it is", "it's",
            "this is", "that is", "that's", "there is", "there's", "of us"],
        CaseWords = ["i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself", "we", "we're", "we've", "we'd", "us", "our", "ours",
            "the", "it", "its", "it's", "this", "that", "these", "those", "they", "them"],
        InnerQuestionWords = ["whether", "if", "know"],
        LeadingFrames =
        [
            "hi", "hello", "hey", "hi there", "hello there", "hey there", "good morning", "good afternoon", "good evening",
            "greetings", "dear", "yo", "please", "pls", "excuse me", "sorry", "sorry to bother you", "kindly", "quick question", "a quick question",
            "i have a question", "i've got a question", "one more thing", "also", "and", "and also",
            "thanks", "thank you", "thanks a lot", "thank you very much", "many thanks", "cheers", "ok thanks", "okay thanks",
            "could you please", "can you please", "would you please", "would you mind", "would it be possible to",
            "is it possible to", "is it possible that", "i was wondering if", "i was wondering whether", "i wonder if",
            "i was wondering", "i'd like to know", "i would like to know", "i want to know", "i need to know", "i'd love to know",
            "do you know", "do you happen to know", "any idea", "tell me", "please tell me", "can you tell me", "could you tell me",
            "let me know", "can you let me know", "can you help me", "could you help me", "can you help", "help me",
            "i need help", "i need some help", "i need your help", "i'm looking for help", "i hope you can help",
            "i hope you can help me", "hoping you can help", "i'd appreciate it if you could", "i'd be grateful if you could",
            "i think", "i believe", "i guess", "i suppose", "i reckon",
        ],
        TrailingFrames =
        [
            "please", "pls", "thanks", "thank you", "thanks a lot", "thanks so much", "thank you very much", "thank you so much", "many thanks",
            "thanks in advance", "cheers", "thx", "ty", "if possible", "if you can", "if you could", "for me", "asap",
            "as soon as possible", "kindly", "please help", "help please",
        ],
        Articles = ["a", "an", "the"],
        PlacePrepositions = ["in", "at", "on", "near", "inside", "outside", "around", "behind", "beside"],
        DirectionPrepositions = ["to", "from", "into", "via"],
        NoTitles = ["online", "later", "soon", "asap", "early", "earlier", "again", "instead", "everything", "both", "another", "others", "more", "them", "quickly", "books", "loans", "items", "stuff"],
        ChoicePronouns = ["them", "they", "these", "those", "both"],
        PastEndings = ["ed", "d"],
        Idioms = new(StringComparer.Ordinal)
        {
            ["sick of"] = "fed up with", ["sick and tired of"] = "fed up with", ["sick to death of"] = "fed up with",
            ["sick and tired"] = "fed up", ["tired of"] = "fed up with",
            // lex17: nothing is red ("am I in the red" found no balance; "do you have it in the red" is a colour, so only
            // said of someone or an account).
            ["am i in the red"] = "am i overdrawn", ["i'm in the red"] = "i'm overdrawn",
            ["i am in the red"] = "i am overdrawn", ["are we in the red"] = "are we overdrawn", ["we're in the red"] = "we're overdrawn",
            ["account is in the red"] = "account is overdrawn", ["account in the red"] = "account overdrawn",
        },
        ComparingWords = ["difference", "differences", "different", "differ", "compare", "comparison", "explain", "mean", "vs", "versus", "between"],
        Possessives = ["my", "our", "your", "its", "his", "her", "their"],
        SpeakerPossessives = ["my", "our"],
        FollowUpOpeners = ["and", "what about", "how about", "and what about", "and how about", "same for", "same with", "also for", "and also"],
        Negations = ["not", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "won't", "wont", "isn't", "isnt", "wasn't", "never", "nothing", "none"],
        NeedVerbs = ["need", "needs", "needing", "require"],
        NoLongerWords = ["anymore", "any more", "after all"],
        NoLongerPhrases = ["no longer"],
        IdiomsWithNegation = ["never mind"],
        // "doesn't work with my laptop" names the laptop: a denied verb before a choice is no exclusion, wanting is.
        ChoiceExclusions =
        [
            "not", "no", "never", "except", "excluding", "without", "anything but", "everything but", "all but", "any but",
            "other than", "rather than", "apart from", "instead of", "don't want", "dont want", "don't like", "dont like",
            "not want", "don't need", "dont need", "don't prefer",
        ],
        ChoiceExclusionFillers = ["the", "a", "an", "that", "this", "my", "our", "at", "in", "to", "on"],
        ChoiceListJoiners = ["and", "or", "nor"],
        StopWords =
        [
                "i", "i'd", "i'm", "i've", "i'll", "me", "my", "mine", "we", "we're", "our", "us", "you", "your", "you're", "he", "she", "it", "it's", "its", "they", "them", "their",
                "a", "an", "the", "this", "that", "these", "those", "there", "there's", "here", "to", "of", "for", "in", "on", "at", "by", "from", "with", "about", "into", "as",
                "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "can", "could", "would", "will", "should", "shall", "may", "might", "must",
                "and", "or", "but", "so", "if", "then", "than", "too", "very", "just", "also", "some", "any", "please", "want", "like", "need", "what", "what's", "how", "when", "where",
                "where's", "who", "which", "why", "yet", "still", "already", "again", "up", "out", "off", "get", "got", "let", "let's", "i'd", "can't", "don't", "doesn't", "didn't",
                "isn't", "won't", "not", "no", "all", "one", "thing", "something", "anything", "now", "today",
                // author21 (bank): "what does a credit card cost per year?" read "per" as a kind of year the texts never name.
                "per",
                // lex12: pronouns and contractions are function words as "he" and "I'd" are: "his joint supplements" found
                // the example "his heart pills", and "someone else ... as well" weighed "else" like a thing.
                "his", "her", "hers", "him", "himself", "herself", "myself", "yourself", "ourselves", "themselves", "ours", "yours", "theirs",
                "we've", "we'll", "they're", "they've", "you've", "you'll", "he's", "she's", "that's", "when's", "how's", "who's",
                "more", "another", "else", "while",
        ],
        OutOfScope =
        [
            // Account, profile and data.
            "update the email on my profile", "change my username", "edit my contact details", "delete all my personal data",
            "unsubscribe me from your newsletter", "stop sending me marketing emails", "how do I log out",
            // Money matters a flow rarely covers.
            "which payment methods do you accept", "do you take credit cards or Apple Pay", "I'd like my money refunded",
            "how long do refunds take", "do you have a student discount", "where do I enter a promo code", "can I buy a gift card",
            "what does the premium membership cost", "do you offer financing or instalments",
            // Policies, company and people.
            "what is your privacy policy", "what are your terms and conditions", "is there a guarantee on this",
            "I want to file a complaint", "I'd like to leave some feedback", "who is the CEO of this company",
            "are there any job openings", "I'd like to apply for a position", "what's your phone number", "where is your head office",
            "do you have an app", "is there a loyalty programme",
            // Requests for a personal assistant.
            "what's the weather forecast", "set a timer for ten minutes", "remind me tomorrow at nine", "play my favourite song",
            "call a taxi for me", "turn off the lights", "add milk to my shopping list", "what's on my calendar today",
            "send a text message to my wife", "navigate to the nearest petrol station",
            // General knowledge and small talk beyond greetings.
            "tell me a joke", "who won the game last night", "what's the capital of Japan", "how many people live in China",
            "what does photosynthesis mean", "solve this equation for me", "what's 15 percent of 80", "recommend a book to read",
            "what movie should I watch tonight", "give me a recipe for dinner", "how do I lose weight",
            "translate this sentence into Italian", "write an essay about climate change", "what is the meaning of this word",
            "are you a robot", "what's your favourite colour", "do you like music",
            // The same personal-assistant and general topics in a second phrasing each (out-of-scope examples are pooled like a flow's).
            "will it rain tomorrow", "set an alarm for seven", "remind me to water the plants", "put on some music", "I need a cab",
            "turn up the heating", "put eggs on my to-do list", "add a meeting to my calendar", "email my boss",
            "how do I get to the train station", "say something funny", "what's the football score", "where is Mount Everest",
            "what's the definition of democracy", "what's the square root of 144", "suggest a good film", "how do I bake bread",
            "how many calories are in an apple", "translate hello into Spanish", "write me a poem", "are you human",
            "how old are you",
            // A taxonomy of what customers ask any service bot, each topic in several phrasings (question, imperative,
            // "I want ..."): a bot with a flow for one of them keeps it (examples near its own are dropped).
            // Account and login.
            "I want to delete my account", "how do I close my customer account", "how do I change my password",
            "I can't log in to my account", "how do I create an account", "update my phone number",
            // Payments, invoices and prices.
            "can I pay by bank transfer", "do you accept cash", "my payment didn't go through", "I was charged twice",
            "send me a copy of my invoice", "I need a receipt for my records", "how much does it cost",
            "will you match a competitor's price", "is anything on sale", "my discount code doesn't work",
            "how do I redeem a voucher",
            // Refunds, returns policy and guarantees.
            "where is my refund", "when do I get my money back", "what is your return policy",
            "can I exchange it for a different size", "how long is the warranty", "the item arrived damaged",
            "can you repair it for me",
            // Delivery options and costs.
            "how much is shipping", "do you ship internationally", "is postage free", "can I pick it up in person",
            "do you offer next-day shipping",
            // Places, opening times and contact.
            "when are you open on public holidays", "where is your nearest branch", "is there parking nearby",
            "is it wheelchair accessible", "can I bring my dog", "do you have free wifi", "what is your email address",
            "how can I reach customer service",
            // Complaints, reviews and feedback.
            "I want to complain about a member of staff", "the service was terrible", "where can I leave a review",
            "your employee was rude to me",
            // Loyalty, membership and newsletters.
            "how many loyalty points do I have", "how do I join your rewards programme", "cancel my membership",
            "sign me up for the newsletter",
            // Company, jobs and partners.
            "are you hiring", "I'm looking for an internship", "I want to become a supplier", "I'm a journalist with a press enquiry",
            "where are your products made", "do you offer gift wrapping", "can I order in bulk for my company",
        ],
        Numbers = new()
        {
            ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
            ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["a dozen"] = 12, ["dozen"] = 12,
            ["a couple"] = 2, ["a pair"] = 2, // at "How many?" everyday speech for two ("a couple of them")
            ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18,
            ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
            ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["a hundred"] = 100, ["one hundred"] = 100,
        },
        DecimalPoints = ["point"],
        Multipliers = new() { ["hundred"] = 100, ["thousand"] = 1000, ["million"] = 1_000_000, ["millions"] = 1_000_000 },
        NumberJoiners = ["and"],
        Currencies = ["€", "$", "£", "eur", "euro", "euros", "usd", "dollar", "dollars", "gbp", "pound", "pounds", "chf"],
        MinorCurrencies = ["cent", "cents", "ct", "pence"],
        FactQuestions = new()
        {
            // Not "costs": "are hospital costs abroad covered" asks whether, not how much.
            // "is there a student discount?": a reduced price, which the texts state as an amount ("Students … pay 24 euros").
            [AskedFact.Price] = ["how much", "cost", "price", "prices", "fee", "fees", "charge", "discount", "discounts"],
            [AskedFact.TimeOfDay] = ["what time", "which time", "opening hours", "opening times", "when do you open", "when do you close", "when are you open",
                // "how long are you open on saturday" asks until when, not for a duration.
                "how long are you open", "how long do you stay open", "how long is it open"],
            // "how far is the station?": the texts say how long the way takes ("a five-minute walk").
            [AskedFact.Duration] = ["how long", "how far"],
            [AskedFact.Deadline] = ["until when", "till when", "by when", "from when", "since when", "how late", "how soon", "how early", "deadline"],
            // Only "when" that opens a question: "is it covered when I cancel" asks whether, not when. No German "wann" yet:
            // "wann ist Zahltag?" is answered by a day said in words ("der letzte Arbeitstag"), which no fact pattern reads.
            [AskedFact.When] = ["when is", "when are", "when does", "when do", "when will", "when's"],
            [AskedFact.Contact] = ["phone number", "telephone number", "what number", "which number", "email address", "contact details", "emergency number"],
            // Only the place's own whereabouts: "where can I park?" asks for a spot a text describes, not for an address.
            [AskedFact.Place] = ["where are you located", "where are you based", "where are you", "where can i find you", "where do i find you", "how do i find you",
                "what is your address", "what's your address", "your address"],
            // "what documents do I need for a passport?" asks what the passport text says to bring, not for the booking.
            [AskedFact.Documents] = ["what documents", "which documents", "what document", "which document", "what papers", "which papers", "what paperwork",
                "which id", "what id", "what do i need to bring", "what do i have to bring", "what should i bring", "what must i bring", "what shall i bring",
                "what do i bring", "what to bring", "what should i take with me", "what do i need to take with me", "what do i need to show"],
        },
        // "open", "close": the time asked is the opening hours ("what time do you close": the hours say "open ... to 18:00").
        // "bring", "documents": what to bring is asked, not asked of ("what documents do I need for a passport": the passport).
        FactQuestionWords = ["cost", "take", "takes", "last", "usually", "roughly", "approximately", "open", "opened", "close", "closed", "closing", "opening",
            "bring", "documents", "document", "papers", "paperwork"],
        DocumentVerbs = ["bring", "brings", "need", "needs", "required"],
        PlaceFactWords = ["far", "distance", "open", "opened", "opens", "close", "closed", "closes", "closing", "opening", "located", "address", "directions"],
        DefinitionVerbs = ["is", "are", "means"],
        // "where is the nearest bus stop": the nearest is the one the texts name; "which bus goes to the practice": the
        // texts name the stop, not the bus's going.
        OfferWords = ["offer", "offers", "offering", "offerings", "service", "services", "provide", "provides"],
        NearbyWords = ["nearby", "near here", "close by", "around here", "in the area", "in the neighbourhood", "in the neighborhood", "here", "nearest", "closest",
            "goes to", "go to", "goes there", "go there"],
        DurationUnits = ["minute", "minutes", "min", "mins", "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years"],
        AgeBounds = ["under", "over", "aged"],
        CallWords = ["call", "dial", "ring"],
        WayQuestionWords = ["where", "how"],
        WayToDoOpenings = ["how do i", "how can i", "how should i", "how could i", "how would i", "how do we", "how can we", "how should we", "how do you", "how does one", "how can one", "how to"],
        FreeOfCharge = ["free", "no charge", "nothing extra", "no extra charge", "no extra cost", "no additional cost", "at no cost", "costs nothing"],
        ClockWords = ["am", "pm", "a.m", "p.m", "o'clock", "oclock", "noon", "midnight"],
        ChatSpeak = new()
        {
            ["u"] = "you", ["whats"] = "what is", ["wheres"] = "where is", ["hows"] = "how is", ["whos"] = "who is", ["ur"] = "your", ["r"] = "are", ["pls"] = "please", ["plz"] = "please", ["thx"] = "thanks", ["b4"] = "before",
            ["2day"] = "today", ["gr8"] = "great", ["cu"] = "see you",
            // "i wanna top up 15 euro on 0151 11223344" was no request at all to the lexical and keyword recognizers (author20).
            ["wanna"] = "want to", ["gonna"] = "going to",
            // Clipped words as typed in a chat: "can my husband collect my meds" was "a thing no text speaks of", though
            // the pharmacy's text says who may pick up the medication.
            ["meds"] = "medication", ["appt"] = "appointment", ["appts"] = "appointments", ["acct"] = "account", ["msg"] = "message", ["hrs"] = "hours",
            ["bday"] = "birthday",
        },
        RelativeDays = new()
        {
            ["today"] = 0, ["tonight"] = 0, ["this evening"] = 0, ["this morning"] = 0, ["this afternoon"] = 0, ["tomorrow"] = 1, ["day after tomorrow"] = 2,
            ["the day after tomorrow"] = 2, ["yesterday"] = -1, ["day before yesterday"] = -2, ["the day before yesterday"] = -2,
            // As typed on a phone.
            ["tmrw"] = 1, ["tmr"] = 1, ["tmw"] = 1, ["2moro"] = 1, ["2morrow"] = 1, ["2mrw"] = 1, ["tomoz"] = 1, ["2day"] = 0, ["2nite"] = 0, ["tonite"] = 0,
            // "last week" names no day: a week ago, shown back at the confirmation (dialogs/README, "Dates and times").
            ["last week"] = -7, ["a week ago"] = -7,
            ["in a fortnight"] = 14, ["a fortnight from now"] = 14, ["in a fortnight's time"] = 14,
        },
        MonthsAhead = new() { ["this month"] = 0, ["next month"] = 1, ["the month after next"] = 2, ["the coming month"] = 1, ["the next month"] = 1 },
        MonthPrefixes = ["in", "during"],
        MonthUnits = ["month", "months"],
        WholeWords = ["whole", "entire", "all"],
        Weeks = new()
        {
            ["this week"] = 0, ["next week"] = 1, ["nxt week"] = 1, ["the week after next"] = 2, ["in two weeks"] = 2, ["in 2 weeks"] = 2,
        },
        WeekDays = new()
        {
            ["end of the week"] = (0, DayOfWeek.Friday), ["end of this week"] = (0, DayOfWeek.Friday), ["end of week"] = (0, DayOfWeek.Friday),
            ["end of next week"] = (1, DayOfWeek.Friday), ["the end of next week"] = (1, DayOfWeek.Friday), ["the end of the week"] = (0, DayOfWeek.Friday),
            ["next weekend"] = (0, DayOfWeek.Saturday), ["this weekend"] = (0, DayOfWeek.Saturday), ["the weekend"] = (0, DayOfWeek.Saturday),
            ["on the weekend"] = (0, DayOfWeek.Saturday), ["at the weekend"] = (0, DayOfWeek.Saturday), ["weekend"] = (0, DayOfWeek.Saturday),
        },
        Weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
        WeekdayAbbreviations = new()
        {
            ["mon"] = "monday", ["tue"] = "tuesday", ["tues"] = "tuesday", ["wed"] = "wednesday", ["weds"] = "wednesday",
            ["thu"] = "thursday", ["thur"] = "thursday", ["thurs"] = "thursday", ["fri"] = "friday", ["sat"] = "saturday", ["sun"] = "sunday",
        },
        // "sat", "sun" as on a calendar; inside a sentence a verb and a noun ("I sat", "in the sun").
        EverydayWeekdayAbbreviations = ["sat", "sun"],
        // Nobody opens a message with the verb or the noun before a time: "sat at 10" is Saturday.
        WeekdayAbbreviationsBeforeTime = ["sat", "sun"],
        ClauseContrasts = ["but", "instead", "rather"],
        SinceWords = ["since"],
        DayOrdinals = EnglishDayOrdinals(),
        MonthEnds = new()
        {
            ["end of the month"] = 0, ["end of this month"] = 0, ["end of month"] = 0, ["the end of the month"] = 0, ["the end of this month"] = 0,
            ["end of next month"] = 1, ["the end of next month"] = 1, ["end of the next month"] = 1,
        },
        // A name that covers several days ("christmas", "the holidays") names none of them: it stays unread.
        NamedDays = new()
        {
            ["christmas eve"] = (12, 24), ["xmas eve"] = (12, 24), ["christmas day"] = (12, 25), ["xmas day"] = (12, 25), ["boxing day"] = (12, 26),
            ["new year's eve"] = (12, 31), ["new years eve"] = (12, 31), ["new year eve"] = (12, 31), ["nye"] = (12, 31),
            ["new year's day"] = (1, 1), ["new years day"] = (1, 1), ["new year day"] = (1, 1),
        },
        NamedDayOpeners = ["on", "for"],
        MonthParts = new()
        {
            ["early"] = (1, 10), ["the beginning of"] = (1, 10), ["beginning of"] = (1, 10), ["the start of"] = (1, 10), ["start of"] = (1, 10),
            ["mid"] = (11, 20), ["middle of"] = (11, 20), ["the middle of"] = (11, 20),
            ["late"] = (21, 31), ["the end of"] = (21, 31), ["end of"] = (21, 31),
        },
        WeekParts = new()
        {
            ["early"] = (DayOfWeek.Monday, DayOfWeek.Tuesday), ["beginning of"] = (DayOfWeek.Monday, DayOfWeek.Tuesday),
            ["the beginning of"] = (DayOfWeek.Monday, DayOfWeek.Tuesday), ["start of"] = (DayOfWeek.Monday, DayOfWeek.Tuesday),
            ["the start of"] = (DayOfWeek.Monday, DayOfWeek.Tuesday), ["early in"] = (DayOfWeek.Monday, DayOfWeek.Tuesday),
            ["mid"] = (DayOfWeek.Tuesday, DayOfWeek.Thursday), ["middle of"] = (DayOfWeek.Tuesday, DayOfWeek.Thursday),
            ["the middle of"] = (DayOfWeek.Tuesday, DayOfWeek.Thursday),
            ["late"] = (DayOfWeek.Thursday, DayOfWeek.Friday), ["later"] = (DayOfWeek.Thursday, DayOfWeek.Friday), ["later in"] = (DayOfWeek.Thursday, DayOfWeek.Friday),
            ["sometime"] = (DayOfWeek.Monday, DayOfWeek.Sunday), ["some time"] = (DayOfWeek.Monday, DayOfWeek.Sunday),
            ["any day"] = (DayOfWeek.Monday, DayOfWeek.Sunday), ["anytime"] = (DayOfWeek.Monday, DayOfWeek.Sunday),
            ["any time"] = (DayOfWeek.Monday, DayOfWeek.Sunday),
        },
        NamedSpans = new()
        {
            ["between christmas and new year"] = ((12, 27), (12, 30)), ["between christmas and new year's"] = ((12, 27), (12, 30)),
            ["between christmas and new years"] = ((12, 27), (12, 30)),
        },
        LaterWeekdayPrefixes = new() { ["a week from"] = 1, ["a week on"] = 1, ["one week from"] = 1, ["two weeks from"] = 2, ["2 weeks from"] = 2 },
        LaterWeekdaySuffixes = new()
        {
            ["after next"] = 1, ["in a week"] = 1, ["in one week"] = 1, ["in 1 week"] = 1, ["a week later"] = 1, ["in two weeks"] = 2, ["in 2 weeks"] = 2,
            ["week"] = 1,
        },
        WeekdayPrefixes = ["next", "on", "this", "coming", "nxt"],
        NextWeekdayPrefixes = ["next", "nxt"],
        LastWeekdayPrefixes = ["last", "past"],
        OpenWeekdayPrefixes = ["on"],
        AgoAfter = ["ago"],
        DayUnits = ["day", "days"],
        UntilWords = ["to", "until", "till", "til", "through", "thru"],
        FromWords = ["from"],
        NightUnits = ["night", "nights"],
        WeekUnits = ["week", "weeks"],
        // Parts of the day stand for a usual hour ("tomorrow morning" = 9:00), as people mean them when booking a call.
        TimeWords = new()
        {
            ["noon"] = new(12, 0), ["midday"] = new(12, 0), ["12 noon"] = new(12, 0), ["midnight"] = new(0, 0),
            ["morning"] = new(9, 0), ["in the morning"] = new(9, 0), ["afternoon"] = new(15, 0), ["in the afternoon"] = new(15, 0),
            ["evening"] = new(18, 0), ["in the evening"] = new(18, 0), ["night"] = new(21, 0), ["at night"] = new(21, 0),
        },
        EveningWords = ["tonight", "this evening"],
        DayPartPhrases = new() { ["morning"] = "in the morning", ["afternoon"] = "in the afternoon", ["evening"] = "in the evening" },
        TimePrefixes = ["at", "around", "for", "by", "until", "till", "til"],
        CountPrefixes = ["for"],
        StreetWords = ["street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "boulevard", "blvd", "square", "place", "terrace", "crescent"],
        HouseNumberFirst = true,
        HeadNouns =
        [
            "number", "numbers", "bag", "bags", "case", "cases", "cover", "covers", "sleeve", "sleeves", "charger", "chargers", "cable", "cables",
            "stand", "holder", "mount", "strap", "box", "accessory", "accessories", "bill", "bills", "contract", "contracts", "plan", "plans",
            "insurance", "account", "accounts", "app", "apps", "shop", "store", "card", "cards",
        ],
        NowWords = ["now", "right now", "immediately"],
        EarliestWords = ["as soon as possible", "asap", "earliest possible", "the earliest possible", "earliest", "the earliest", "as early as possible",
            "the earliest you have", "the first available", "first available", "next available", "the next available", "soonest possible", "the soonest"],
        FirstThingWords = ["first thing in the morning", "first thing", "first thing in the am"],
        AfterWorkWords = ["after work", "after school", "after my shift"],
        AfterTimeWords = ["after", "not before", "no earlier than", "anytime after", "any time after"],
        BeforeTimeWords = ["before", "no later than"],
        BetweenTimeWords = ["between", "sometime between", "anytime between", "any time between"],
        BetweenTimeJoiners = ["and", "to", "-"],
        DontHaveFillers = ["right now", "at the moment", "currently", "unfortunately", "here", "with me", "on me", "to hand", "at hand", "handy"],
        NoAnswerWords =
        [
            "skip", "skip it", "skip this", "skip that", "pass", "n/a", "na", "none", "nothing", "nothing really", "no comment", "not applicable", "nil", "nope nothing",
            "no need", "not needed", "not necessary", "don't need one", "don't need it", "i don't need one", "i don't need it",
            // issue 12: asking to leave the question out is no answer either ("can I skip this?" was stored as the description).
            "skip this question", "skip the question", "can I skip this", "can I skip it", "can I skip that", "can I skip this question",
            "can we skip this", "can we skip that", "can we skip this question", "can I leave this out", "can I leave it blank",
            "can I leave this blank", "do I have to answer this", "do I have to answer that", "do I have to answer", "do I need to answer this",
            "do I have to", "is this required", "is that required", "is this mandatory", "is this optional", "I'd rather not say",
            "I would rather not say", "I'd rather not answer", "I prefer not to say", "rather not say",
        ],
        MinuteUnits = ["minute", "minutes", "min", "mins"],
        HourUnits = ["hour", "hours", "hr", "hrs"],
        OneWords = ["a", "an", "one"],
        SpanWords = new()
        {
            ["half an hour"] = TimeSpan.FromMinutes(30), ["a half hour"] = TimeSpan.FromMinutes(30), ["quarter of an hour"] = TimeSpan.FromMinutes(15),
            ["a quarter of an hour"] = TimeSpan.FromMinutes(15), ["an hour and a half"] = TimeSpan.FromMinutes(90), ["a couple of hours"] = TimeSpan.FromHours(2),
        },
        Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        DatePattern = "{weekday}, {month} {day}, {year}",
        TwelveHourClock = true,
        DateTimeJoiner = " at ",
    };

    public static readonly LexiconWords German = new()
    {
        Language = "de",
        YesTitle = "Ja",
        NoTitle = "Nein",
        Yes =
        [
            "ja", "jawohl", "genau", "klar", "richtig", "stimmt", "ok", "okay", "gerne", "gern", "bitte", "natürlich", "ja bitte",
            "ja gerne", "passt", "korrekt", "einverstanden", "true", "jo", "joa", "jep", "jup", "japp", "jawoll", "klaro",
            "na klar", "ja klar", "ja genau", "sicher", "auf jeden fall", "in ordnung", "alles klar", "passt so", "gut", "mach das",
            "machen sie das", "perfekt", "super", "prima", "selbstverständlich", "absolut", "exakt",
        ],
        No = ["nein", "nee", "ne", "nö", "falsch", "nicht", "nein danke", "lieber nicht", "auf keinen fall", "false", "nicht wirklich", "eher nicht", "auf gar keinen fall", "bloß nicht"],
        Commands = new()
        {
            [CommandKind.Cancel] =
            [
                "abbrechen", "abbruch", "stopp", "stop", "beenden", "aufhören", "vergiss es", "lass es", "bestellung abbrechen",
                "stornieren", "storniere", "bestellung stornieren", "meine bestellung stornieren", "alles stornieren",
                "vorgang abbrechen", "alles abbrechen", "vergessen sie es", "lassen sie es", "lass mal", "ich will nicht mehr",
                "ich möchte nicht mehr", "doch nicht", "ich will doch nicht",
            ],
            [CommandKind.Help] =
            [
                "hilfe", "hilf mir", "was kannst du", "wie funktioniert das", "ich brauche hilfe", "was meinst du", "welche möglichkeiten gibt es",
                "was können sie", "was kannst du alles", "was können sie alles", "helfen sie mir", "können sie mir helfen", "kannst du mir helfen",
                "was kann ich hier machen", "was kann ich hier tun", "wie geht das", "was meinen sie", "wobei können sie helfen", "wobei kannst du helfen",
                "wobei können sie mir helfen", "wobei kannst du mir helfen", "wie können sie mir helfen", "wie kannst du mir helfen", "was kannst du sonst noch",
                "was bieten sie an", "was bietest du an", "welche leistungen bieten sie an",
            ],
            [CommandKind.StartOver] = ["von vorne", "von vorn", "nochmal von vorne", "noch mal von vorne", "von vorne anfangen", "neu starten", "neustart", "neu anfangen", "zurücksetzen"],
            [CommandKind.Handoff] =
            [
                "mitarbeiter", "mensch", "person", "berater", "echte person", "kundendienst", "kundenservice", "agent",
                "mit einem mitarbeiter sprechen", "mit einem menschen sprechen", "mit einer person sprechen",
                "einen mitarbeiter bitte", "mit jemandem sprechen", "mit jemandem reden", "mit einem menschen reden", "mit einem mitarbeiter reden",
                "mit einem berater sprechen", "mit dem kundenservice sprechen", "mit einem echten menschen sprechen", "einen menschen",
                "mich mit einem mitarbeiter verbinden", "mich mit einem menschen verbinden", "verbinden sie mich mit einem mitarbeiter",
                "verbinden sie mich mit einem menschen", "verbinde mich mit einem mitarbeiter", "verbinde mich mit einem menschen",
                "mit dem chef sprechen", "mit dem chef reden", "mit ihrem chef sprechen", "mit deinem chef sprechen", "den chef sprechen",
                "mit einem vorgesetzten sprechen", "mit ihrem vorgesetzten sprechen", "mit dem vorgesetzten sprechen", "mit der geschäftsleitung sprechen",
            ],
            [CommandKind.Chitchat] =
            [
                "hallo", "hi", "hey", "servus", "moin", "guten tag", "guten morgen", "guten abend", "wie geht's", "wie geht es dir",
                "wer bist du", "super", "wie gehts", "wie geht es ihnen", "hallöchen", "grüß gott", "grüezi", "toll", "klasse", "wer sind sie",
            ],
        },
        SmallTalk = new()
        {
            [SmallTalkKind.Thanks] =
            [
                "danke", "vielen dank", "danke schön", "danke dir", "danke euch", "dankeschön", "danke sehr", "ok danke", "okay danke",
                "super danke", "alles klar danke", "perfekt danke", "danke für ihre hilfe", "danke für die hilfe", "danke für deine hilfe",
            ],
            [SmallTalkKind.Goodbye] =
            [
                "tschüss", "auf wiedersehen", "tschüs", "ciao", "bis dann", "bis bald", "bis später", "schönen tag noch", "schönen tag",
                "gute nacht", "ok tschüss", "danke tschüss",
            ],
        },
        StepQuestions = new()
        {
            [StepQuestion.WhereWasI] =
            [
                "wo war ich", "wo waren wir", "wo sind wir", "wo sind wir stehen geblieben", "wo waren wir stehen geblieben",
                "was habe ich gerade gemacht", "was wollte ich", "worum ging es", "worum ging es gerade", "was war die frage",
                "was war ihre frage", "was war deine frage",
                "was haben sie bisher", "was hast du bisher", "was habe ich gesagt", "was habe ich bisher gesagt",
            ],
            [StepQuestion.WhyAsked] =
            [
                "warum", "wieso", "wozu", "weshalb", "warum brauchen sie das", "wozu brauchen sie das", "wofür brauchen sie das",
                "wieso brauchen sie das", "warum brauchst du das", "wozu brauchst du das", "wofür brauchst du das",
                "warum fragen sie", "warum fragst du", "warum fragen sie das", "warum wollen sie das wissen",
                "warum willst du das wissen", "wofür ist das", "wozu ist das", "wozu ist das nötig", "warum ist das nötig",
                // issue 12: nachgefragt statt geantwortet ("wozu brauchen Sie meinen Namen?"), an einer Freitextfrage als Antwort gespeichert.
                "warum denn", "wozu denn", "wofür denn", "wofür", "warum ist das wichtig", "wieso ist das wichtig", "wozu ist das wichtig",
                "warum muss ich das angeben", "wozu muss ich das angeben", "warum muss ich das sagen", "warum soll ich das sagen",
                "warum brauchen sie das denn", "wozu brauchen sie das denn", "wofür brauchen sie das denn", "wozu soll das gut sein",
                "warum brauchen sie meinen *", "warum brauchen sie meine *", "wozu brauchen sie meinen *", "wozu brauchen sie meine *",
                "wofür brauchen sie meinen *", "wofür brauchen sie meine *", "warum brauchst du meinen *", "warum brauchst du meine *",
                "wozu brauchst du meinen *", "wozu brauchst du meine *", "wofür brauchst du meinen *", "wofür brauchst du meine *",
                "warum so *", "wieso so *", "warum erst so spät", "wieso erst so spät", "warum nicht früher", "wieso nicht früher",
                "warum dauert das so lange", "wieso dauert das so lange", "warum geht es nicht früher", "warum geht das nicht früher",
            ],
            // issue 12 (conv51): nachgefragt, was noch gebraucht wird; die fehlenden Angaben des Vorgangs, dann die Frage.
            [StepQuestion.Needs] =
            [
                "was brauchen sie von mir", "was brauchen sie noch von mir", "was brauchen sie noch", "was brauchen sie alles",
                "was brauchst du von mir", "was brauchst du noch von mir", "was brauchst du noch", "was brauchst du alles",
                "was benötigen sie von mir", "was benötigen sie noch", "was benötigen sie noch von mir", "was benötigen sie alles",
                "welche angaben brauchen sie", "welche angaben brauchen sie noch", "welche angaben brauchen sie von mir",
                "welche informationen brauchen sie", "welche informationen brauchen sie noch", "welche daten brauchen sie",
                "welche daten brauchen sie noch", "welche angaben brauchst du", "was fehlt noch", "was fehlt ihnen noch",
                "was müssen sie noch wissen", "was müssen sie von mir wissen", "was muss ich angeben", "was muss ich ihnen sagen",
                "was muss ich noch angeben", "was wollen sie von mir wissen",
            ],
            [StepQuestion.GoBack] =
            [
                "zurück", "geh zurück", "gehe zurück", "einen schritt zurück", "vorherige frage", "die vorherige frage",
                "zurück zur vorherigen frage", "zur vorherigen frage", "letzte frage", "können wir zurück", "kann ich zurück",
            ],
            [StepQuestion.Options] =
            [
                "optionen", "auswahl", "was gibt es", "was gibt's", "was gibt es zur auswahl", "was steht zur auswahl",
                "was habe ich zur auswahl", "welche optionen gibt es", "welche optionen habe ich", "welche möglichkeiten gibt es",
                "welche möglichkeiten habe ich", "was kann ich wählen", "was kann ich auswählen", "was haben sie", "was habt ihr",
                "was hast du", "welche auswahl gibt es", "zeig mir die optionen",
                "welche *", "was für *",
                "welche * gibt es", "welche * gibt's", "was für * gibt es", "was für * gibt's", "welche * haben sie",
                "welche * habt ihr", "welche * hast du", "welche * kann ich wählen", "welche * kann ich auswählen",
                "welche * stehen zur auswahl", "welche * sind möglich",
                "welche sind frei", "welche sind noch frei", "was ist frei", "was ist noch frei", "welche * sind frei", "welche * sind noch frei",
                "welche arten von * gibt es", "was für arten von * gibt es", "welche sorten * gibt es", "welche sorten von * gibt es",
                "was kann ich *", "was kann man *", "welche * kann ich *", "welche kann ich *", "was kann ich hier *",
            ],
            [StepQuestion.Repeat] =
            [
                "was", "wie bitte", "bitte was", "hä", "häh", "hm", "hmm", "wie", "nochmal", "noch mal", "noch einmal", "wiederholen",
                "bitte wiederholen", "können sie das wiederholen", "kannst du das wiederholen", "können sie die frage wiederholen",
                "kannst du die frage wiederholen", "was haben sie gesagt", "was hast du gesagt", "ich verstehe nicht",
                "ich verstehe das nicht", "das verstehe ich nicht", "ich habe das nicht verstanden", "nicht verstanden",
                "ich verstehe die frage nicht", "was heißt das", "was bedeutet das", "was meinen sie", "was meinst du",
            ],
            [StepQuestion.DontKnow] =
            [
                "weiß ich nicht", "ich weiß nicht", "ich weiß es nicht", "ich weiß sie nicht", "die weiß ich nicht", "das weiß ich nicht", "keine ahnung", "ich habe keine ahnung", "nicht sicher",
                "ich bin nicht sicher", "ich bin mir nicht sicher", "vergessen", "hab ich vergessen", "habe ich vergessen",
                "ich habe sie nicht", "ich habe es nicht", "ich habe ihn nicht", "hab ich nicht", "habe ich nicht",
                "ich habe keine", "ich habe keinen", "ich finde sie nicht", "ich finde es nicht", "ich finde ihn nicht",
                "wo finde ich die", "wo finde ich das", "wo finde ich sie", "wo finde ich ihn", "wo finde ich den",
                "wo steht die", "wo steht das", "wo steht sie", "woher weiß ich das",
                "ich habe ihn nicht dabei", "ich habe sie nicht dabei", "ich habe es nicht dabei", "hab ihn nicht dabei",
                "hab sie nicht dabei", "ich habe meinen * nicht dabei", "ich habe meine * nicht dabei", "ich hab meinen * nicht dabei",
                "ich hab meine * nicht dabei", "habe meinen * nicht dabei", "hab meinen * nicht dabei",
                // "ich habe die Bestellnummer nicht": German joins the noun to "nummer", so any one word stands for it here.
                "ich habe die nummer nicht", "ich habe die * nicht", "ich hab die * nicht", "ich habe meine * nicht",
                "ich hab meine * nicht", "ich habe den code nicht", "ich habe keine nummer",
                // Without the "ich", as typed in chat ("hab die Nummer nicht", "hab's nicht"; an article is no word here).
                "hab * nicht", "habe * nicht", "hab meine * nicht", "hab meinen * nicht", "habe meine * nicht", "hab's nicht", "habs nicht",
                "hab keine", "hab keinen", "hab ich keine", "hab ich keinen",
                // The thing put first, as said aloud ("die Nummer hab ich nicht" got the format reprompt at the parcel number).
                "die hab ich nicht", "die habe ich nicht", "den hab ich nicht", "den habe ich nicht", "das hab ich nicht", "das habe ich nicht",
                "die * hab ich nicht", "die * habe ich nicht", "den * hab ich nicht", "den * habe ich nicht", "das * hab ich nicht",
                "das * habe ich nicht", "die * weiß ich nicht", "den * weiß ich nicht", "die * kenne ich nicht", "den * kenne ich nicht",
                "die * hab ich nicht dabei", "die * habe ich nicht dabei", "den * hab ich nicht dabei", "den * habe ich nicht dabei",
                // issue 12: "was soll ich hier schreiben?" wurde als Antwort gespeichert; die Hilfe des Schritts sagt es, sonst answer_required.
                "was soll ich schreiben", "was soll ich hier schreiben", "was soll ich da schreiben", "was soll ich da reinschreiben",
                "was soll ich eingeben", "was soll ich hier eingeben", "was soll ich da eingeben", "was soll ich angeben", "was soll ich hier angeben", "was soll ich sagen",
                "was soll ich antworten", "was soll ich da antworten", "was wollen sie wissen", "was willst du wissen", "was genau wollen sie wissen",
                "was genau brauchen sie", "was brauchen sie von mir", "was brauchst du von mir", "was ist gemeint", "was ist damit gemeint",
                "was ist hier gemeint", "was meinen sie damit", "was meinst du damit", "wie meinen sie das", "wie meinst du das",
                "ich weiß nicht was ich schreiben soll", "ich weiß nicht was ich sagen soll", "ich weiß nicht was sie meinen",
                "keinen plan", "keine idee", "null ahnung", "weiß ich doch nicht",
            ],
        },
        CancelRequests =
        [
            "* abbrechen", "meine * abbrechen", "mein * abbrechen", "meinen * abbrechen", "* stornieren", "meine * stornieren",
            "meinen * stornieren", "mein * stornieren", "* absagen", "meine * absagen", "meinen * absagen", "mein * absagen",
        ],
        ChangeRequests =
        [
            "* ändern", "meine * ändern", "mein * ändern", "meinen * ändern", "* korrigieren", "* bearbeiten", "* ist falsch",
            "falsche *", "falscher *", "falsches *", "andere *", "anderer *", "anderes *", "* stimmt nicht", "* noch mal ändern",
        ],
        ChangeToRequests =
        [
            "* auf # ändern", "* in # ändern", "* auf # setzen", "* auf # korrigieren", "ändere * auf #", "ändern sie * auf #",
            "ändere * in #", "ändern sie * in #", "setze * auf #", "* soll # sein", "* sollte # sein",
        ],
        SlotStatements = ["* ist #", "* war #", "* heißt #", "* lautet #"],
        NameStatements = ["* heißt #", "* heisst #", "* nennt sich #"],
        RequestOpeners = ["können wir", "könnten wir", "können sie", "könnten sie", "kannst du", "könntest du", "kann ich", "könnte ich",
            "geht auch", "geht es auch", "wie wäre es mit", "was ist mit", "ist es möglich"],
        ChangeMarkers = ["stattdessen", "lieber", "doch"],
        ValueRequests = ["geht #", "geht auch #", "geht es #", "ginge #", "ginge auch #", "passt #", "passt es #", "passt ihnen #", "klappt #",
            "klappt es #", "wie wäre es mit #", "wie wäre es #", "wie wärs mit #", "wie wär's mit #", "was ist mit #", "ist # möglich",
            "ist # frei", "ist # noch frei", "ist # ok", "hätten sie # was frei", "hätten sie # etwas frei", "hätten sie # noch was frei",
            "hätten sie # noch etwas frei", "haben sie # was frei", "haben sie # etwas frei", "haben sie # noch was frei",
            "haben sie # noch etwas frei", "habt ihr # was frei", "hättet ihr # was frei", "hätten sie # zeit", "haben sie # zeit",
            "hätten sie # einen termin", "haben sie # einen termin", "gibt es # einen termin", "gibt es # was", "gibt es # noch was",
            "können wir #", "könnten wir #", "können sie #", "könnten sie #", "kann ich # kommen", "könnte ich # kommen"],
        UnknownThings = ["ich weiß # nicht", "ich kenne # nicht", "ich finde # nicht", "ich habe # nicht", "ich hab # nicht",
            "ich habe # nicht dabei", "ich habe # vergessen", "ich hab # vergessen", "ich habe # verloren", "ich weiß nicht #",
            "keine ahnung #", "wo finde ich #", "wo steht #", "wo ist #"],
        PermissionOpeners = ["kann ich", "darf ich", "könnte ich", "können wir", "dürfen wir", "kann man", "darf man"],
        GivingVerbs = ["bekommen", "kriegen", "haben", "buchen", "bestellen", "reservieren", "beantragen", "vereinbaren"],
        OwnOrigins = ["von außen", "von außerhalb", "von zuhause", "von zu hause", "von daheim", "eigenes", "eigene", "eigenen", "selbst"],
        CapabilityOpeners = ["kannst du", "können sie", "könnt ihr", "könntest du", "könnten sie", "könntet ihr"],
        CapabilityPronouns = ["ihr", "sie", "du"],
        CapabilityFillers = ["auch", "noch", "eigentlich", "denn", "mal", "bitte", "vielleicht", "überhaupt"],
        HelpVerbs = ["helfen"],
        ComplaintWords = ["beschweren", "beschwere", "beschwert", "beschwerde"],
        HavingVerbs = ["macht", "machen", "habt", "haben", "hast", "bietet", "bieten", "bietest", "führt", "führen"],
        BusinessSubjects = ["wir"],
        VerbLast = true,
        RequestJoiners = ["und außerdem", "und danach", "und auch", "und dann", "sowie", "und", "außerdem"],
        CancelJoiners = ["dann", "danach"],
        NothingToChange = ["nichts", "gar nichts", "nichts ändern", "nichts zu ändern", "keine änderung", "keine änderungen", "alles gut", "alles richtig",
            "alles ok", "alles in ordnung", "passt", "passt schon", "passt so", "ist richtig", "ist gut", "lass es so", "so lassen"],
        CancelVerbs = ["stornieren", "storniere", "abbrechen"],
        CorrectionOpeners = ["eigentlich", "ich meinte", "ich meine", "mach", "mach daraus", "machen sie", "warte", "sorry", "entschuldigung",
            "lieber", "doch", "stattdessen", "korrektur", "vergiss das"],
        ItChanges = ["lieber", "mach daraus", "machen sie daraus", "ändere es auf", "ändere es in", "ändern sie es auf", "ändern sie es in", "ich meinte"],
        SlotWords = new()
        {
            ["address"] = ["adresse", "anschrift", "lieferadresse", "straße"],
            ["email"] = ["e-mail", "mail", "e-mail-adresse", "email-adresse", "mailadresse"],
            ["quantity"] = ["anzahl", "menge", "stückzahl"],
            ["people"] = ["personen", "leute", "gäste", "plätze", "sitzplätze"],
            ["party"] = ["personen", "leute", "gäste"],
            ["guests"] = ["gäste", "personen", "leute"],
            ["persons"] = ["personen", "leute"],
            ["size"] = ["größe"],
            ["product"] = ["produkt", "artikel"],
            ["device"] = ["gerät"],
            ["date"] = ["datum", "tag"],
            ["time"] = ["uhrzeit", "zeit"],
            ["arrival"] = ["anreise", "anreisetag", "ankunft"],
            ["departure"] = ["abreise", "abreisetag", "abfahrt"],
            ["phone"] = ["telefonnummer", "nummer"],
            ["title"] = ["titel", "buchtitel"],
        },
        PeopleCounts = new(StringComparer.Ordinal)
        {
            ["nur ich"] = 1, ["ich allein"] = 1, ["ich alleine"] = 1, ["allein"] = 1, ["alleine"] = 1, ["nur mich"] = 1,
            ["nur für mich"] = 1, ["für mich allein"] = 1, ["für mich alleine"] = 1, ["zu zweit"] = 2, ["wir beide"] = 2, ["uns beide"] = 2,
            ["zu dritt"] = 3, ["zu viert"] = 4, ["zu fünft"] = 5, ["zu sechst"] = 6, ["zu siebt"] = 7,
        },
        PeopleCountLeads = ["wir sind", "wir kommen", "ich bin", "ich komme", "es ist", "das ist"],
        PartyNouns = ["erwachsene", "erwachsener", "erwachsenen", "kind", "kinder", "kindern", "baby", "babys", "kleinkind", "kleinkinder",
            "jugendliche", "jugendlicher", "jugendlichen", "person", "personen", "gast", "gäste", "senior", "senioren"],
        PartySelf = ["ich", "mich", "mir"],
        GroupNouns = ["gruppe"],
        GroupOf = "von",
        OneArticles = [],
        CompanionForms = ["ich und mein {0}", "ich und meine {0}", "mein {0} und ich", "meine {0} und ich", "nur ich und mein {0}", "nur ich und meine {0}"],
        Companions = ["frau", "mann", "partner", "partnerin", "freundin", "freund", "verlobte", "verlobter", "sohn", "tochter", "kind", "baby",
            "mutter", "vater", "bruder", "schwester", "kollege", "kollegin", "chef", "chefin"],
        PhrasesInside = new()
        {
            [CommandKind.Handoff] = ["mit einem mitarbeiter sprechen", "mit einem menschen sprechen", "mit einer person sprechen", "echte person",
                "mit einem mitarbeiter verbinden", "mit einem menschen verbinden",
                "verbinden sie mich bitte mit einem mitarbeiter", "verbinden sie mich bitte mit einem menschen", "verbinde mich bitte mit einem mitarbeiter",
                "echte menschen", "echten menschen", "echter mensch", "echten mensch"],
            [CommandKind.StartOver] = ["von vorne anfangen", "neu anfangen"],
        },
        LeadingFillers =
        [
            "bitte", "ok", "okay", "also", "ähm", "äh", "ach", "na", "warte", "moment", "doch", "lieber", "besser", "ich möchte", "ich will", "ich würde gerne", "ich würde gern",
            "kann ich", "können sie", "kannst du", "könnten sie", "lass uns", "lassen sie uns", "ich muss", "jetzt", "einfach", "mal",
            "vielleicht", "eventuell", "irgendwann",
        ],
        TrailingFillers = ["bitte", "jetzt", "danke", "sofort", "mal", "dann", "wenn möglich", "falls möglich", "wenn es geht", "wenn's geht", "möglichst",
            // "Reifen wechseln lassen", "Ölwechsel machen lassen": having it done asks no more than "Reifen wechseln" (lex8).
            "lassen", "machen lassen",
            // Ein Wunsch nach dem Wert: "morgen wäre am besten" ist morgen.
            "wäre am besten", "wäre super", "wäre gut", "wäre ideal", "wäre perfekt", "wäre prima", "passt mir", "passt mir gut",
            "passt am besten", "geht bei mir", "ginge bei mir", "ist am besten", "ist mir recht", "wäre mir recht",
            // Eine Höflichkeit mit Verneinung verneint nichts: "morgen, wenn das kein Problem ist" ist morgen (conv41).
            "wenn das geht", "falls das geht", "wenn das kein problem ist", "falls das kein problem ist", "wenn es kein problem ist",
            "wenn das keine umstände macht", "wenn es keine umstände macht", "wenn das ok ist", "wenn das okay ist", "wenn das passt"],
        PronounOneDeterminers = [],
        Ordinals = new(StringComparer.Ordinal)
        {
            ["erste"] = 1, ["ersten"] = 1, ["erster"] = 1, ["erstes"] = 1, ["zweite"] = 2, ["zweiten"] = 2, ["zweiter"] = 2, ["zweites"] = 2,
            ["dritte"] = 3, ["dritten"] = 3, ["dritter"] = 3, ["drittes"] = 3, ["vierte"] = 4, ["vierten"] = 4, ["vierter"] = 4, ["viertes"] = 4,
            ["letzte"] = -1, ["letzten"] = -1, ["letzter"] = -1, ["letztes"] = -1,
        },
        OrdinalLeads = ["der", "die", "das", "den", "dem"],
        OrdinalNouns = ["option", "möglichkeit", "moeglichkeit", "davon"],
        AllOfThem = ["beide", "beides", "alle beide", "alle zwei", "beide beträge", "beide betraege", "beide zusammen", "alle", "alles", "alle beträge", "alle betraege", "alle zusammen", "zusammen", "insgesamt", "jeder", "jeden"],
        AnswerFrames = ["mein * ist", "meine * ist", "unsere * ist", "der * ist", "die * ist", "das * ist", "mein * lautet", "meine * lautet",
            "die * lautet", "* ist", "* lautet"],
        NameFrames = ["ich bin", "ich heiße", "ich heisse", "hier ist", "hier spricht", "man nennt mich", "sie können mich", "nennen sie mich"],
        SelfNamingFrames = ["ich heiße", "ich heisse"],
        ValueFrames = ["haben sie # vorrätig", "haben sie # da", "haben sie # auf lager", "hast du # da", "ist # vorrätig", "ist # da",
            "habt ihr # vorrätig", "habt ihr # da", "habt ihr # auf lager", "haben sie #", "habt ihr #", "hast du #", "verkaufen sie #", "verkauft ihr #",
            "ist # verfügbar", "sind # vorrätig", "ich brauche #", "ich hätte gern #", "ich hätte gerne #", "ich suche #", "es ist für #", "das ist für #"],
        PlaceLeads = ["am", "beim", "im", "an"],
        DescriptionSlotWords = ["beschreibung", "schilderung", "details", "anmerkung", "anmerkungen", "notiz", "notizen", "hinweis", "hinweise",
            "kommentar", "nachricht", "grund", "problem", "anliegen", "wunsch", "wünsche", "beschwerden", "symptome"],
        QuestionOpeners = ["ich habe eine frage", "ich hätte eine frage", "ich hab eine frage", "ich hab mal eine frage", "kurze frage", "eine frage",
            "mal eine frage", "ich frage mich", "bis wann", "ab wann", "seit wann"],
        QuestionStarts = ["was", "wo", "wohin", "woher", "wann", "warum", "wieso", "weshalb", "wie", "wer", "wen", "wem", "welche", "welcher",
            "welches", "welchen", "kann", "kannst", "können", "koennen", "könnt", "gibt", "habt", "haben", "hat", "ist", "sind", "darf", "dürfen",
            "muss", "müssen", "werde", "wird", "bietet", "bieten", "liefert", "liefern", "nehmt", "nehmen"],
        AskingWords = ["was", "wo", "wohin", "woher", "wann", "warum", "wieso", "weshalb", "wie", "wer", "wen", "wem", "welche", "welcher",
            "welches", "welchen"],
        VerbFirstSubjects = ["ich", "du", "wir", "ihr", "man", "er", "es"],
        StorySubjects = ["ich", "mich", "mir", "wir"],
        OwnCaseLeads = ["ich bin", "wir sind", "wir beide", "wir alle", "ich habe", "ich hab", "wir haben", "es ist", "das ist", "es gibt",
            "bin ich", "sind wir", "haben wir", "ist es", "von uns"],
        CaseWords = ["ich", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner", "meines", "meins", "wir", "uns", "unser", "unsere",
            "unseren", "unserem", "unserer", "unseres", "der", "die", "das", "den", "dem", "des", "es", "diese", "dieser", "diesen", "diesem", "dieses"],
        InnerQuestionWords = ["ob", "wissen", "weiß"],
        LeadingFrames =
        [
            "hallo", "hi", "hey", "hallo zusammen", "guten tag", "guten morgen", "guten abend", "moin", "moin moin", "servus",
            "grüß gott", "grüezi", "liebes team", "entschuldigung", "entschuldigen sie", "sorry", "kurze frage", "eine frage",
            "ich habe eine frage", "ich hätte eine frage", "noch etwas", "und", "und noch",
            "danke", "vielen dank", "danke schön", "dankeschön", "danke sehr", "ok danke", "okay danke",
            "können sie mir sagen", "könnten sie mir sagen", "kannst du mir sagen", "könntest du mir sagen", "sagen sie mir",
            "sag mir", "sagt mir", "können sie mir bitte sagen", "kannst du mir bitte sagen", "ich wollte fragen",
            "ich wollte mal fragen", "ich wollte nur fragen", "ich würde gerne wissen", "ich würde gern wissen",
            "ich möchte wissen", "ich möchte gerne wissen", "ich will wissen", "ich wüsste gerne", "ich wüsste gern",
            "wissen sie", "weißt du", "können sie mir helfen", "kannst du mir helfen", "könnten sie mir helfen",
            "helfen sie mir", "hilf mir", "ich brauche hilfe", "ich bräuchte hilfe", "wäre es möglich", "ist es möglich",
            "könnten sie", "könntest du", "würden sie", "würdest du", "bitte", "mal",
        ],
        TrailingFrames =
        [
            "bitte", "danke", "vielen dank", "danke schön", "dankeschön", "danke sehr", "besten dank", "danke im voraus",
            "vielen dank im voraus", "wenn möglich", "falls möglich", "so schnell wie möglich", "bitte schnell",
        ],
        Articles = ["ein", "eine", "einen", "einem", "einer", "der", "die", "das", "den", "dem", "des"],
        PlacePrepositions = ["in", "im", "an", "am", "auf", "bei", "beim", "vor", "hinter", "neben", "nahe"],
        NoTitles = ["online", "später", "spaeter", "bald", "früher", "frueher", "nochmal", "wieder", "stattdessen", "schnell", "beide", "beides", "andere", "anderes", "mehr", "bücher", "buecher", "sachen"],
        ChoicePronouns = ["denen", "ihnen", "diesen", "beiden", "beide"],
        PastEndings = ["t", "et"],
        PastPrefixes = ["", "ge"],
        InfinitiveEndings = ["en", "n"],
        ComparingWords = ["unterschied", "unterschiede", "unterscheiden", "unterscheidet", "vergleich", "vergleichen", "erklären", "erklaeren", "bedeuten", "zwischen"],
        FollowUpOpeners = ["und", "was ist mit", "und was ist mit", "wie ist es mit", "und wie ist es mit", "und wie", "genauso für", "auch für"],
        Negations = ["nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts"],
        // "brauch" as typed in chat ("den Termin brauch ich nicht mehr").
        NeedVerbs = ["brauche", "brauch", "brauchen", "braucht", "benötige", "benötigen", "benötigt"],
        NoLongerWords = ["mehr", "länger"],
        NoLongerPhrases = ["doch nicht", "doch keinen", "doch keine", "doch kein"],
        OpenForms = ["offen", "offene", "offenen", "offener", "offenem", "offenes"],
        AmountNouns = ["saldo", "betrag", "beträge", "betrages", "rechnung", "rechnungen", "forderung", "forderungen", "summe", "posten", "zahlung", "zahlungen", "beitrag", "beiträge"],
        OwedWord = "ausstehend",
        ChoiceExclusions = ["nicht", "kein", "keine", "keinen", "keiner", "keines", "nie", "außer", "ausser", "ohne", "statt", "anstatt", "anstelle", "bloß nicht", "nur nicht"],
        ChoiceExclusionFillers = ["der", "die", "das", "den", "dem", "ein", "eine", "einen", "mein", "meine", "in", "im", "am", "an", "zum", "zur", "bei", "beim", "nach"],
        ChoiceListJoiners = ["und", "oder", "noch"],
        Possessives = ["mein", "meine", "meinen", "meinem", "meiner", "unser", "unsere", "unseren", "ihr", "ihre", "ihren", "dein", "deine", "deinen"],
        SpeakerPossessives = ["mein", "meine", "meinen", "meinem", "meiner", "meines", "unser", "unsere", "unseren", "unserem", "unserer"],
        StopWords =
        [
                "ich", "mich", "mir", "mein", "meine", "meinen", "meinem", "meiner", "meines", "wir", "uns", "unser", "unsere", "unseren", "unserem", "du", "dich", "dir", "dein", "deine",
                "ihr", "euch", "euer", "eure", "euren", "eurem", "sie", "ihnen", "er", "es", "man", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
                "eines", "dieser", "diese", "dieses", "diesen", "und", "oder", "aber", "wenn", "dann", "als", "wie", "was", "wann", "wo", "wer", "warum", "welche", "welcher", "welches",
                "ist", "sind", "bin", "bist", "war", "waren", "sein", "habe", "hast", "hat", "haben", "habt", "hatte", "kann", "kannst", "können", "könnt", "könnte", "möchte",
                "möchten", "will", "willst", "wollen", "muss", "musst", "müssen", "soll", "sollte", "darf", "würde", "werden", "wird", "zu", "zum", "zur", "im", "in", "am", "an",
                "auf", "aus", "bei", "mit", "nach", "von", "vom", "für", "über", "um", "bis", "noch", "schon", "auch", "nur", "mal", "bitte", "gern", "gerne", "doch", "ja", "so",
                "sehr", "da", "hier", "etwas", "was", "nicht", "kein", "keine", "nichts", "jetzt", "heute", "gibt", "geht",
                "ab", "ins", "beim", "seit", "gegen", "durch", "sich", "ihm", "ihn", "ihre", "ihren", "ihrem", "dass", "ob",
                "weil", "denn", "wurde", "wurden", "hätte", "wäre", "immer", "alle", "alles", "dafür", "damit", "davon",
                "brauche", "brauchen", "bräuchte", "benötige", "benötigen",
                // de16: English's "more" and "else" ("warum wurde mir diesen Monat mehr berechnet" was near "schickt mir
                // keine Werbung mehr"). Not "lange": "wie lange dauert ein neuer Personalausweis" asks a fact, and without
                // "lange" it booked an appointment instead of the knowledge's no-answer reply. Not "andere(n)": "liefern
                // Sie auch samstags?" then asked address change or another day (samples/parcel), each left with "liefern".
                "mehr", "sonst",
                // "verloren gegangen" is lost, as "geht" is a function word: "mein Koffer ist verloren gegangen" outweighed
                // "meine Tasche wurde gestohlen" by "gegangen", and the cover text answered instead of the claim.
                "gegangen",
                // author21 (bank): "was kostet eine Kreditkarte pro Jahr?", like "per" in English.
                "pro",
                // As typed in chat, the same function words: "hab nen termin", "gibts", "kannste".
                "hab", "hätt", "möcht", "brauch", "nich", "gibts", "gibt's", "nem", "ner", "haste", "kannste", "willste", "biste", "isses",
        ],
        // German's "do", "make", "give" and "get" (English "do", "get" are stop words): the noun says what is wanted.
        // "können Sie mir einen Termin geben" found "ein Feedback geben" nearer than "Termin vereinbaren".
        LightVerbs =
        [
                "mache", "machen", "macht", "machst", "gemacht", "tun", "tue", "tut", "geben", "gebe", "gib", "gibst", "gebt",
                "bekommen", "bekomme", "bekommst", "bekommt", "kriegen", "kriege", "kriegst", "kriegt",
        ],
        OutOfScope =
        [
            // Konto, Profil und Daten.
            "die E-Mail in meinem Profil aktualisieren", "meinen Benutzernamen ändern", "meine Kontaktdaten bearbeiten",
            "alle meine persönlichen Daten löschen", "vom Newsletter abmelden", "schickt mir keine Werbung mehr", "wie melde ich mich ab",
            // Geldsachen, die selten ein Ablauf abdeckt.
            "welche Zahlungsarten akzeptiert ihr", "nehmt ihr Kreditkarte oder Apple Pay", "ich hätte gern mein Geld erstattet",
            "wie lange dauert eine Erstattung", "gibt es einen Studentenrabatt", "wo gebe ich einen Rabattcode ein",
            "kann ich einen Geschenkgutschein kaufen", "was kostet die Premium-Mitgliedschaft", "bietet ihr Ratenzahlung an",
            // Richtlinien, Firma und Leute.
            "wie ist eure Datenschutzerklärung", "wo finde ich die AGB", "gibt es darauf eine Garantie", "ich möchte mich beschweren",
            "ich möchte ein Feedback geben", "wer ist der Chef der Firma", "habt ihr offene Stellen", "ich möchte mich bewerben",
            "wie ist eure Telefonnummer", "wo ist euer Hauptsitz", "gibt es eine App", "gibt es ein Treueprogramm",
            // Aufgaben für einen persönlichen Assistenten.
            "wie wird das Wetter", "stell einen Timer auf zehn Minuten", "erinnere mich morgen um neun", "spiel mein Lieblingslied",
            "ruf mir ein Taxi", "mach das Licht aus", "setz Milch auf meine Einkaufsliste", "was steht heute in meinem Kalender",
            "schick meiner Frau eine Nachricht", "navigiere zur nächsten Tankstelle",
            // Allgemeinwissen und Plaudern jenseits von Grüßen.
            "erzähl mir einen Witz", "wer hat gestern das Spiel gewonnen", "was ist die Hauptstadt von Japan",
            "wie viele Menschen leben in China", "was bedeutet Photosynthese", "löse diese Gleichung für mich", "was sind 15 Prozent von 80",
            "empfiehl mir ein Buch", "welchen Film soll ich heute schauen", "gib mir ein Rezept fürs Abendessen", "wie nehme ich ab",
            "übersetze diesen Satz ins Italienische", "schreib einen Aufsatz über den Klimawandel",
            "was bedeutet dieses Wort", "bist du ein Roboter", "was ist deine Lieblingsfarbe", "magst du Musik",
            // Dieselben Assistenten- und Allgemeinthemen in einer zweiten Form (Beispiele außerhalb werden wie die eines Ablaufs gemittelt).
            "regnet es morgen", "stell einen Wecker auf sieben", "erinnere mich daran, die Blumen zu gießen", "mach Musik an", "ich brauche ein Taxi",
            "dreh die Heizung auf", "setz Eier auf meine To-do-Liste", "trag ein Meeting in meinen Kalender ein", "schreib meinem Chef eine E-Mail",
            "wie komme ich zum Bahnhof", "sag etwas Lustiges", "wie steht das Fußballspiel", "wo liegt der Mount Everest",
            "was ist die Definition von Demokratie", "was ist die Wurzel aus 144", "schlag mir einen guten Film vor", "wie backe ich Brot",
            "wie viele Kalorien hat ein Apfel", "übersetze hallo ins Spanische", "schreib mir ein Gedicht", "bist du ein Mensch",
            "wie alt bist du",
            // Was Kunden jeden Service-Bot fragen, je Thema in mehreren Formen (Frage, Aufforderung, "ich will ...");
            // ein Bot mit einem Ablauf dafür behält ihn (Beispiele nahe an seinen eigenen fallen weg). Wie die englische Liste.
            // Konto und Anmeldung.
            "ich will mein Konto löschen", "wie schließe ich mein Kundenkonto", "wie ändere ich mein Passwort",
            "ich kann mich nicht in mein Konto einloggen", "wie lege ich ein Konto an", "meine Telefonnummer ändern",
            // Zahlung, Rechnungen und Preise.
            "kann ich per Überweisung bezahlen", "nehmt ihr Bargeld", "meine Zahlung ist nicht durchgegangen", "mir wurde doppelt abgebucht",
            "schickt mir eine Kopie meiner Rechnung", "ich brauche eine Quittung für meine Unterlagen", "wie viel kostet das",
            "gleicht ihr den Preis der Konkurrenz an", "ist etwas im Angebot", "mein Rabattcode funktioniert nicht",
            "wie löse ich einen Gutschein ein",
            // Erstattungen, Rückgaberecht und Garantie.
            "ich habe meine Erstattung noch nicht erhalten", "wann bekomme ich mein Geld zurück", "wie sind eure Rückgabebedingungen",
            "kann ich es gegen eine andere Größe umtauschen", "wie lange ist die Garantie", "der Artikel kam beschädigt an",
            "könnt ihr es für mich reparieren",
            // Versandarten und Versandkosten.
            "wie viel kostet der Versand", "versendet ihr international", "gibt es Versandgebühren", "kann ich es persönlich abholen",
            "bietet ihr Expressversand an",
            // Orte, Öffnungszeiten und Kontakt.
            "habt ihr an Feiertagen geöffnet", "wo ist die nächste Filiale", "gibt es Parkplätze in der Nähe",
            "ist es barrierefrei", "darf ich meinen Hund mitbringen", "habt ihr kostenloses WLAN", "wie ist eure E-Mail-Adresse",
            "wie erreiche ich den Kundenservice",
            // Beschwerden, Bewertungen und Feedback.
            "ich will mich über einen Mitarbeiter beschweren", "der Service war furchtbar", "wo kann ich eine Bewertung schreiben",
            "euer Mitarbeiter war unhöflich zu mir",
            // Treueprogramm, Mitgliedschaft und Newsletter.
            "wie viele Treuepunkte habe ich", "wie trete ich eurem Bonusprogramm bei", "meine Mitgliedschaft kündigen",
            "meldet mich für den Newsletter an",
            // Firma, Stellen und Partner.
            "stellt ihr ein", "ich suche ein Praktikum", "ich möchte Lieferant werden", "ich bin Journalist und habe eine Presseanfrage",
            "wo werden eure Produkte hergestellt", "bietet ihr Geschenkverpackung an", "kann ich für meine Firma in großen Mengen bestellen",
        ],
        Numbers = new()
        {
            ["null"] = 0, ["eins"] = 1, ["ein"] = 1, ["eine"] = 1, ["einen"] = 1, ["zwei"] = 2, ["drei"] = 3, ["vier"] = 4,
            ["fünf"] = 5, ["sechs"] = 6, ["sieben"] = 7, ["acht"] = 8, ["neun"] = 9, ["zehn"] = 10, ["elf"] = 11,
            ["zwölf"] = 12, ["ein dutzend"] = 12, ["dutzend"] = 12, ["dreizehn"] = 13, ["vierzehn"] = 14, ["fünfzehn"] = 15,
            ["sechzehn"] = 16, ["siebzehn"] = 17, ["achtzehn"] = 18, ["neunzehn"] = 19, ["zwanzig"] = 20, ["dreißig"] = 30,
            ["dreissig"] = 30, ["vierzig"] = 40, ["fünfzig"] = 50, ["sechzig"] = 60, ["siebzig"] = 70, ["achtzig"] = 80,
            ["neunzig"] = 90, ["hundert"] = 100, ["einhundert"] = 100,
        },
        NumberWordsOfOtherLanguages = ["elf", "null"],
        DecimalPoints = ["komma", "punkt"],
        Multipliers = new() { ["hundert"] = 100, ["tausend"] = 1000, ["million"] = 1_000_000, ["millionen"] = 1_000_000, ["mio"] = 1_000_000 },
        NumberJoiners = ["und"],
        Currencies = ["€", "$", "eur", "euro", "chf", "franken", "dollar"],
        MinorCurrencies = ["cent", "ct", "rappen"],
        FactQuestions = new()
        {
            // Not "kosten": "werden die Kosten übernommen" asks whether, not how much.
            [AskedFact.Price] = ["wie viel", "wieviel", "kostet", "was kosten", "preis", "preise", "gebühr", "gebühren", "rabatt", "ermäßigung"],
            [AskedFact.TimeOfDay] = ["um wie viel uhr", "ab wie viel uhr", "um wieviel uhr", "ab wieviel uhr", "uhrzeit", "öffnungszeiten", "wann öffnet", "wann schließt", "wann haben sie geöffnet", "wann haben sie offen",
                // "wie lange habt ihr samstags offen": until when, not how long.
                "wie lange habt ihr", "wie lange haben sie offen", "wie lange haben sie geöffnet", "wie lange haben sie heute"],
            [AskedFact.Duration] = ["wie lange", "wie lang", "wie weit"],
            [AskedFact.Deadline] = ["bis wann", "ab wann", "seit wann", "wie spät", "wie früh", "frist"],
            [AskedFact.Contact] = ["telefonnummer", "rufnummer", "welche nummer", "e-mail-adresse", "emailadresse", "mailadresse", "notrufnummer", "notfallnummer"],
            [AskedFact.Place] = ["wo seid ihr", "wo sind sie", "wo befinden sie sich", "wo finde ich euch", "wo finde ich sie", "wie finde ich euch", "wie finde ich sie",
                "wie ist ihre adresse", "wie ist eure adresse", "ihre adresse", "eure adresse", "ihre anschrift", "eure anschrift"],
            // "welche Unterlagen brauche ich für einen neuen Personalausweis": was der Text zum Ausweis mitzubringen nennt.
            [AskedFact.Documents] = ["welche unterlagen", "welche dokumente", "welche papiere", "welche nachweise", "welchen ausweis", "was muss ich mitbringen",
                "was soll ich mitbringen", "was bringe ich mit", "was mitbringen", "was muss ich mitnehmen", "was muss ich vorlegen", "was muss ich dabeihaben",
                "was brauche ich", "was brauch ich", "was benötige ich"],
        },
        FactQuestionWords = ["kostet", "kosten", "dauert", "dauern", "normalerweise", "ungefähr", "etwa", "circa", "offen", "geöffnet", "öffnen", "öffnet", "geschlossen", "schließen", "schließt",
            "mitbringen", "mitnehmen", "unterlagen", "dokumente", "papiere", "nachweise", "vorlegen"],
        DocumentVerbs = ["bringen", "bringt", "mitbringen", "mitzubringen", "mitnehmen", "brauchen", "braucht", "benötigen", "benötigt", "vorlegen", "vorzulegen", "erforderlich"],
        PlaceFactWords = ["weit", "entfernt", "entfernung", "offen", "geöffnet", "öffnen", "öffnet", "geschlossen", "schließen", "schließt", "adresse", "anschrift"],
        DefinitionVerbs = ["ist", "sind", "bedeutet", "heißt"],
        OfferWords = ["angebot", "angebote", "anbieten", "bieten", "bietet", "bietest", "leistung", "leistungen", "dienstleistung", "dienstleistungen"],
        NearbyWords = ["in der nähe", "in der umgebung", "hier in der nähe", "um die ecke", "hier", "nächstgelegene", "nächstgelegenen", "fährt zu", "fährt zum", "fährt zur", "fahren zu", "fahren zum", "fahren zur"],
        DurationUnits = ["minute", "minuten", "stunde", "stunden", "tag", "tage", "tagen", "werktag", "werktage", "werktagen", "woche", "wochen", "monat", "monate", "monaten", "jahr", "jahre", "jahren"],
        AgeBounds = ["unter", "über", "ab"],
        CallWords = ["wählen sie", "rufen sie", "unter"],
        WayQuestionWords = ["wo", "wie"],
        FreeOfCharge = ["kostenlos", "kostenfrei", "gratis", "gebührenfrei", "umsonst", "ohne aufpreis", "nichts extra", "kostet nichts", "keine zusätzlichen kosten", "keine extrakosten"],
        ClockWords = ["uhr", "mittag", "mitternacht"],
        // "ne" and "nen" only as whole words: "ne" at a sentence's end ("oder ne?") is a stop word either way.
        // "gibts Parkplätze?" asks as "gibt es Parkplätze?" does.
        ChatSpeak = new() { ["pls"] = "bitte", ["plz"] = "bitte", ["nen"] = "einen", ["ne"] = "eine", ["gibts"] = "gibt es", ["gibt's"] = "gibt es" },
        RelativeDays = new()
        {
            ["heute"] = 0, ["heute abend"] = 0, ["morgen"] = 1, ["übermorgen"] = 2, ["gestern"] = -1, ["vorgestern"] = -2,
            // "letzte Woche" nennt keinen Tag: vor einer Woche, bei der Bestätigung gezeigt (dialogs/README).
            ["letzte woche"] = -7, ["letzter woche"] = -7, ["vergangene woche"] = -7, ["vorige woche"] = -7, ["in der letzten woche"] = -7,
        },
        MonthsAhead = new()
        {
            ["diesen monat"] = 0, ["diesem monat"] = 0, ["nächsten monat"] = 1, ["nächster monat"] = 1, ["im nächsten monat"] = 1,
            ["kommenden monat"] = 1, ["im kommenden monat"] = 1, ["übernächsten monat"] = 2, ["im übernächsten monat"] = 2,
        },
        MonthPrefixes = ["im", "in", "ab"],
        MonthUnits = ["monat", "monate", "monaten"],
        WholeWords = ["ganz", "ganze", "ganzen", "gesamte", "gesamten", "komplette", "kompletten"],
        Weeks = new()
        {
            ["diese woche"] = 0, ["dieser woche"] = 0, ["in dieser woche"] = 0, ["nächste woche"] = 1, ["nächster woche"] = 1,
            ["kommende woche"] = 1, ["kommender woche"] = 1, ["in der nächsten woche"] = 1, ["übernächste woche"] = 2,
            ["übernächster woche"] = 2, ["in zwei wochen"] = 2, ["in 2 wochen"] = 2,
            // After "Anfang der", "Mitte der" (WeekParts).
            ["nächsten woche"] = 1, ["kommenden woche"] = 1, ["übernächsten woche"] = 2,
        },
        WeekDays = new()
        {
            ["ende der woche"] = (0, DayOfWeek.Friday), ["ende dieser woche"] = (0, DayOfWeek.Friday), ["ende nächster woche"] = (1, DayOfWeek.Friday),
            ["ende nächste woche"] = (1, DayOfWeek.Friday), ["ende der nächsten woche"] = (1, DayOfWeek.Friday), ["ende kommender woche"] = (1, DayOfWeek.Friday),
            ["nächstes wochenende"] = (0, DayOfWeek.Saturday), ["am nächsten wochenende"] = (0, DayOfWeek.Saturday), ["dieses wochenende"] = (0, DayOfWeek.Saturday),
            ["am wochenende"] = (0, DayOfWeek.Saturday), ["wochenende"] = (0, DayOfWeek.Saturday), ["kommendes wochenende"] = (0, DayOfWeek.Saturday),
            // "WE" as Germans write the weekend in a message, after the word that makes it one ("we" alone is English).
            ["am we"] = (0, DayOfWeek.Saturday), ["dieses we"] = (0, DayOfWeek.Saturday), ["nächstes we"] = (0, DayOfWeek.Saturday),
        },
        Weekdays = ["sonntag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag"],
        // "Mo", "Di", … as on a calendar; "so" is an everyday word too (EverydayWeekdayAbbreviations).
        WeekdayAbbreviations = new()
        {
            ["mo"] = "montag", ["di"] = "dienstag", ["mi"] = "mittwoch", ["do"] = "donnerstag", ["fr"] = "freitag", ["sa"] = "samstag", ["so"] = "sonntag",
        },
        EverydayWeekdayAbbreviations = ["so"],
        ClauseContrasts = ["aber", "sondern", "lieber", "stattdessen"],
        SinceWords = ["seit", "seitdem"],
        WeekdayPrefixes = ["am", "nächsten", "nächster", "kommenden", "diesen"],
        DayOrdinals = GermanDayOrdinals(),
        MonthEnds = new()
        {
            ["monatsende"] = 0, ["ende des monats"] = 0, ["ende dieses monats"] = 0, ["ende monat"] = 0, ["zum monatsende"] = 0, ["am monatsende"] = 0,
            ["ende des nächsten monats"] = 1, ["ende nächsten monats"] = 1, ["ende nächster monat"] = 1, ["ende kommenden monats"] = 1,
        },
        // "Weihnachten", "Ostern" sind mehrere Tage und bleiben ungelesen.
        NamedDays = new()
        {
            ["heiligabend"] = (12, 24), ["heilig abend"] = (12, 24), ["heiliger abend"] = (12, 24), ["heiligen abend"] = (12, 24),
            ["erster weihnachtsfeiertag"] = (12, 25), ["ersten weihnachtsfeiertag"] = (12, 25), ["1 weihnachtsfeiertag"] = (12, 25),
            ["zweiter weihnachtsfeiertag"] = (12, 26), ["zweiten weihnachtsfeiertag"] = (12, 26), ["2 weihnachtsfeiertag"] = (12, 26),
            ["silvester"] = (12, 31), ["neujahr"] = (1, 1), ["neujahrstag"] = (1, 1),
        },
        NamedDayOpeners = ["an", "am", "zu", "für"],
        MonthParts = new()
        {
            ["anfang"] = (1, 10), ["am anfang"] = (1, 10), ["zu beginn"] = (1, 10), ["mitte"] = (11, 20), ["ende"] = (21, 31),
        },
        WeekParts = new()
        {
            ["anfang"] = (DayOfWeek.Monday, DayOfWeek.Tuesday), ["anfang der"] = (DayOfWeek.Monday, DayOfWeek.Tuesday),
            ["zu beginn"] = (DayOfWeek.Monday, DayOfWeek.Tuesday), ["zu beginn der"] = (DayOfWeek.Monday, DayOfWeek.Tuesday),
            ["mitte"] = (DayOfWeek.Tuesday, DayOfWeek.Thursday), ["mitte der"] = (DayOfWeek.Tuesday, DayOfWeek.Thursday),
            ["irgendwann"] = (DayOfWeek.Monday, DayOfWeek.Sunday), ["im laufe der"] = (DayOfWeek.Monday, DayOfWeek.Sunday),
        },
        NamedSpans = new()
        {
            ["zwischen den jahren"] = ((12, 27), (12, 30)), ["zwischen weihnachten und neujahr"] = ((12, 27), (12, 30)),
            ["zwischen weihnachten und silvester"] = ((12, 27), (12, 30)),
        },
        LaterWeekdayPrefixes = new() { ["übernächsten"] = 1, ["übernächster"] = 1, ["übernächste"] = 1, ["am übernächsten"] = 1, ["uebernaechsten"] = 1 },
        LaterWeekdaySuffixes = new()
        {
            ["in einer woche"] = 1, ["in 1 woche"] = 1, ["in eine woche"] = 1, ["eine woche später"] = 1, ["in zwei wochen"] = 2, ["in 2 wochen"] = 2,
        },
        NextWeekdayPrefixes = ["nächsten", "nächster"],
        LastWeekdayPrefixes = ["letzten", "letzter", "vergangenen", "vergangener", "vorigen", "voriger"],
        OpenWeekdayPrefixes = ["am"],
        AgoBefore = ["vor"],
        DayUnits = ["tag", "tage", "tagen"],
        UntilWords = ["bis"],
        FromWords = ["von", "ab"],
        NightUnits = ["nacht", "nächte", "naechte", "übernachtung", "übernachtungen"],
        WeekUnits = ["woche", "wochen"],
        TimeWords = new()
        {
            ["mittag"] = new(12, 0), ["mittags"] = new(12, 0), ["12 uhr mittags"] = new(12, 0), ["mitternacht"] = new(0, 0),
            ["früh"] = new(9, 0), ["morgens"] = new(9, 0), ["am morgen"] = new(9, 0), ["vormittag"] = new(10, 0), ["vormittags"] = new(10, 0),
            ["am vormittag"] = new(10, 0), ["nachmittag"] = new(15, 0), ["nachmittags"] = new(15, 0), ["am nachmittag"] = new(15, 0),
            ["abend"] = new(18, 0), ["abends"] = new(18, 0), ["am abend"] = new(18, 0),
        },
        EveningWords = ["heute abend"],
        DayPartPhrases = new() { ["morning"] = "vormittags", ["afternoon"] = "nachmittags", ["evening"] = "abends" },
        DayCompoundParts = new() { ["morgen"] = "morgens" },
        TimePrefixes = ["um", "gegen", "ab", "bis"],
        CountPrefixes = [],
        StreetWords = ["straße", "strasse", "str", "weg", "platz", "allee", "gasse", "ring", "damm", "ufer", "chaussee"],
        HouseNumberFirst = false,
        CapitalisesNouns = true,
        HeadNouns =
        [
            "nummer", "hülle", "hüllen", "tasche", "taschen", "ladekabel", "ladegerät", "kabel", "halterung", "zubehör", "rechnung",
            "rechnungen", "vertrag", "verträge", "tarif", "versicherung", "konto", "app", "shop",
        ],
        NowWords = ["jetzt", "gleich", "gleich jetzt"],
        EarliestWords = ["so früh wie möglich", "so bald wie möglich", "so schnell wie möglich", "möglichst früh", "möglichst bald", "baldmöglichst",
            "schnellstmöglich", "frühestmöglich", "frühestens", "der nächste freie termin", "nächster freier termin", "der früheste termin", "frühester termin"],
        FirstThingWords = ["gleich morgens", "gleich in der früh", "morgens als erstes", "als erstes am morgen"],
        AfterWorkWords = ["nach der arbeit", "nach feierabend", "nach der schule"],
        AfterTimeWords = ["nach", "nicht vor", "frühestens", "irgendwann nach"],
        BeforeTimeWords = ["vor", "spätestens"],
        BetweenTimeWords = ["zwischen", "irgendwann zwischen"],
        BetweenTimeJoiners = ["und", "bis", "-"],
        // conv58 (vet trial): "hab ich grad nicht da", "hab die nummer grad nicht" at the customer number got the question again.
        DontHaveFillers = ["grad", "grade", "gerade", "gerade eben", "jetzt", "momentan", "im moment", "derzeit", "leider", "halt", "da", "hier",
            "dabei", "bei mir", "zur hand", "parat", "griffbereit", "zuhause", "zu hause"],
        NoAnswerWords =
        [
            "überspringen", "keine", "keins", "keine angabe", "keine angaben", "k.a.", "k. a.", "nichts", "gar nichts", "entfällt", "weiß nicht", "weiss nicht", "n/a",
            "nicht nötig", "nicht noetig", "nicht notwendig", "brauche ich nicht", "brauch ich nicht", "brauche keine", "brauche keinen",
            // issue 12: "kann ich das überspringen?" wurde als Beschreibung gespeichert.
            "frage überspringen", "die frage überspringen", "kann ich das überspringen", "kann ich die frage überspringen",
            "können wir das überspringen", "kann man das überspringen", "kann ich das weglassen", "kann ich das leer lassen",
            "muss ich das beantworten", "muss ich das angeben", "muss ich das ausfüllen", "muss ich das sagen", "muss das sein",
            "ist das pflicht", "ist das eine pflichtangabe", "ist das optional", "möchte ich nicht sagen", "will ich nicht sagen",
            "das möchte ich nicht sagen", "das sage ich nicht", "lieber nicht",
        ],
        MinuteUnits = ["minute", "minuten", "min"],
        HourUnits = ["stunde", "stunden", "std"],
        OneWords = ["einer", "einem", "eine", "ein"],
        SpanWords = new()
        {
            ["einer halben stunde"] = TimeSpan.FromMinutes(30), ["eine halbe stunde"] = TimeSpan.FromMinutes(30), ["einer viertelstunde"] = TimeSpan.FromMinutes(15),
            ["einer dreiviertelstunde"] = TimeSpan.FromMinutes(45), ["anderthalb stunden"] = TimeSpan.FromMinutes(90), ["eineinhalb stunden"] = TimeSpan.FromMinutes(90),
        },
        Months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
        DatePattern = "{weekday}, {day}. {month} {year}",
        TwelveHourClock = false,
        DateTimeJoiner = " um ",
    };
}
