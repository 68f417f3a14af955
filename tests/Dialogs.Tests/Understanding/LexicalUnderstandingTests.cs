using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Understanding;

public sealed class LexicalUnderstandingTests
{
    private readonly IUnderstanding _lexical = LexicalUnderstanding.Create();

    [Theory]
    [InlineData("wher is my ordr", "order_status")]
    [InlineData("book a tabel for tonite", "book_table")]
    [InlineData("wehre is my oredr", "order_status")] // neighbours swapped: the commonest slip on a phone keyboard
    [InlineData("what are the opening hours", "opening_hours")]
    public async Task Close_wording_and_typos_start_the_flow(string text, string flow)
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.TopLevel(text), CancellationToken.None);

        Assert.Equal("lexical", result.Path);
        Assert.Equal([new StartFlowCommand(flow)], result.Commands);
        Assert.Equal("flow:" + flow, result.Scores[0].Key);
    }

    [Theory]
    // Chat-speak weighs as the words it stands for: "u" is in no example, so it counted as the rarest word of all.
    [InlineData("what r ur opening hours", "what are your opening hours")]
    [InlineData("do u have gluten free pizza", "do you have gluten free pizza")]
    [InlineData("kannst du mir nen Tisch reservieren", "kannst du mir einen Tisch reservieren")]
    public void Chat_speak_scores_as_the_words_it_stands_for(string typed, string written)
    {
        Assert.Equal(LexicalSimilarity.Score(written, "opening hours and gluten free pizza, einen Tisch reservieren"), LexicalSimilarity.Score(typed, "opening hours and gluten free pizza, einen Tisch reservieren"), 6);
    }

    [Fact]
    public async Task A_number_one_digit_off_is_another_number_not_a_typo()
    {
        // Only the shared characters count (their share of the score is 0.3), not a word match: a text that states 2025
        // says nothing of 2026. (Between a request and a flow's examples any two numbers are values alike, lex12/lex13.)
        Assert.True((await LexicalSimilarity.ForPassages().ScoreAsync("2026", ["2025"], null, CancellationToken.None))[0] < 0.3);
        Assert.True(LexicalSimilarity.Score("tabel", "table") > 0.5);
    }

    // "am I in the red" shares no word with a balance example ("red" is a colour): it is compared as "am I overdrawn". Only
    // said of someone or an account, so a colour stays a colour.
    [Theory]
    [InlineData("am I in the red", "check_balance")]
    [InlineData("is my account in the red", "check_balance")]
    [InlineData("do you have the scarf in the red", "product_availability")]
    public async Task Being_in_the_red_is_an_overdraft_not_a_colour(string text, string flow)
    {
        var request = new UnderstandingRequest
        {
            Text = text,
            Language = "en",
            Flows =
            [
                new FlowCandidate("check_balance", "Check the account balance", ["what's my balance", "how much money do I have", "is my account overdrawn"]),
                new FlowCandidate("transfer_money", "Transfer money", ["send money to my brother", "make a transfer"]),
                new FlowCandidate("product_availability", "Is a product in stock", ["is the red scarf in stock", "do you have this jacket"]),
            ],
            AllowedCommands = SampleRequests.TopLevelCommands,
            Revision = "rev-red",
        };

        var result = await _lexical.UnderstandAsync(request, CancellationToken.None);

        Assert.Equal([new StartFlowCommand(flow)], result.Commands);
    }

    [Fact]
    public async Task A_step_offering_fewer_flows_of_the_same_revision_is_compared_with_those_only()
    {
        // The recognizer keeps what it compares a message with per revision, language and the flows a message may start
        // (issue 19): a later request offering fewer flows, or none, must not be read against the first request's list.
        UnderstandingRequest Request(IReadOnlyList<FlowCandidate> flows, IReadOnlyList<CommandKind> allowed) => new()
        {
            Text = "where is my order",
            Language = "en",
            Flows = flows,
            AllowedCommands = allowed,
            Revision = "rev-scopes",
        };

        var all = await _lexical.UnderstandAsync(Request(SampleRequests.Flows, SampleRequests.TopLevelCommands), CancellationToken.None);
        var fewer = await _lexical.UnderstandAsync(Request([.. SampleRequests.Flows.Where(f => f.Id != "order_status")], SampleRequests.TopLevelCommands), CancellationToken.None);
        var noStart = await _lexical.UnderstandAsync(Request(SampleRequests.Flows, [CommandKind.CannotHandle]), CancellationToken.None);
        var allAgain = await _lexical.UnderstandAsync(Request(SampleRequests.Flows, SampleRequests.TopLevelCommands), CancellationToken.None);

        Assert.Equal([new StartFlowCommand("order_status")], all.Commands);
        Assert.DoesNotContain(fewer.Scores, s => s.Key == "flow:order_status");
        Assert.DoesNotContain(noStart.Commands, c => c is StartFlowCommand);
        Assert.Equal(all.Scores, allAgain.Scores);
    }

    private static readonly SlotInfo Product = new()
    {
        Name = "product",
        Kind = "enum",
        Values = [new("laptop", ["notebook"]), new("phone", ["smartphone"]), new("tablet", [])],
    };

    private static UnderstandingRequest ShopRequest(string text, bool productInBothFlows) => new()
    {
        Text = text,
        Language = "en",
        Flows =
        [
            new FlowCandidate("place_order", "Order a product", ["I want to buy a laptop", "order a phone", "place an order"]) { Slots = [Product] },
            new FlowCandidate("report_problem", "Report a problem with a device", ["my laptop is broken", "something does not work", "I have a problem"])
            {
                Slots = productInBothFlows ? [Product] : [],
            },
        ],
        AllowedCommands = SampleRequests.TopLevelCommands,
        Revision = "rev-shop",
    };

    // User trial with the sample shop: "my phone is broken" and "I need help with a broken phone" started the order
    // (its example "order a phone" shares the rarest word) and "mein Handy ist kaputt" was not understood.
    [Theory]
    [InlineData("my phone is broken", "report_problem")]
    [InlineData("I need help with a broken smartphone", "report_problem")]
    [InlineData("order two tablets", "place_order")]
    [InlineData("I'd like to buy a new notebook", "place_order")]
    public async Task A_product_several_flows_talk_about_does_not_decide_the_flow(string text, string flow)
    {
        var result = await _lexical.UnderstandAsync(ShopRequest(text, productInBothFlows: true), CancellationToken.None);

        Assert.Equal([new StartFlowCommand(flow)], result.Commands);
    }

    // The weights were cached by revision, count and first and last candidate: two lists of one revision that differ only
    // in the middle (a step whose interruptions offer other flows) scored against the first list's candidates.
    [Fact]
    public async Task Candidate_lists_of_one_revision_that_differ_in_the_middle_are_scored_as_they_are()
    {
        var similarity = new LexicalSimilarity();
        string[] first = ["where is my order", "book a table", "opening hours"];
        string[] second = ["where is my order", "cancel my booking", "opening hours"];

        await similarity.ScoreAsync("book a table", first, "rev-1", CancellationToken.None);
        var scores = await similarity.ScoreAsync("cancel my booking", second, "rev-1", CancellationToken.None);

        Assert.Equal(1, scores[1]);
    }

    [Fact]
    public async Task Values_of_a_type_only_one_flow_uses_still_count()
    {
        // A value that only the order's slot knows is evidence for the order.
        var result = await _lexical.UnderstandAsync(ShopRequest("a smartphone please", productInBothFlows: false), CancellationToken.None);

        Assert.Equal([new StartFlowCommand("place_order")], result.Commands);
    }

    [Theory]
    [InlineData("en", "hi, could you please tell me where my parcel is", "order_status")]
    [InlineData("en", "Hello there, sorry to bother you, I was wondering if you could tell me where my parcel is. Thanks in advance", "order_status")]
    [InlineData("de", "Hallo zusammen, entschuldigen Sie, ich wollte mal fragen, wo mein Paket ist. Vielen Dank im Voraus", "order_status")]
    [InlineData("de", "Guten Morgen! Kurze Frage: könnten Sie mir sagen, wann ihr geöffnet habt? Danke schön", "opening_hours")]
    public async Task A_greeting_and_politeness_around_a_request_do_not_hide_it(string language, string text, string flow)
    {
        var request = new UnderstandingRequest
        {
            Text = text,
            Language = language,
            Flows = language == "de" ? GermanFlows : SampleRequests.Flows,
            AllowedCommands = SampleRequests.TopLevelCommands,
            Revision = "rev-1",
        };

        var result = await _lexical.UnderstandAsync(request, CancellationToken.None);

        // Before the frame was peeled off, the long ones were rejected: "hello", "sorry", "wondering", "thanks" outweighed "parcel".
        Assert.Equal([new StartFlowCommand(flow)], result.Commands);
        Assert.Equal("flow:" + flow, result.Scores[0].Key);
        Assert.True(result.Scores[0].Value > 0.3, $"score {result.Scores[0].Value}");
    }

    [Theory]
    [InlineData("hi, could you please tell me who won the game last night")]
    [InlineData("hello! I was wondering what the weather will be like tomorrow, thanks")]
    public async Task A_polite_frame_does_not_pull_an_unrelated_request_into_a_flow(string text)
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.TopLevel(text), CancellationToken.None);

        Assert.Equal([new CannotHandleCommand()], result.Commands);
    }

    private static readonly IReadOnlyList<FlowCandidate> ShopAndRestaurant =
    [
        new("book_table", "book table", ["book a table", "reserve a table for tonight", "can I make a reservation", "I need a table for four people"]),
        new("opening_hours", "opening hours", ["when are you open", "what are your opening hours", "are you open on sunday", "what time do you close"]),
        new("pay_invoice", "pay invoice", ["pay my invoice", "how can I pay my bill", "I want to settle my balance", "pay an outstanding bill"]),
        new("cancel_order", "cancel order", ["cancel my order", "I don't want my order anymore", "stop my purchase", "please cancel the order I placed"]),
    ];

    private static readonly IReadOnlyList<FlowCandidate> GermanFlows =
    [
        new("order_status", "Nachsehen, wo eine Bestellung ist", ["Wo ist meine Bestellung?", "Paket verfolgen", "wurde mein Paket verschickt"]),
        new("book_table", "Einen Tisch reservieren", ["ich möchte einen Tisch reservieren", "Tisch für heute Abend", "kann ich reservieren"]),
        new("opening_hours", "Öffnungszeiten nennen", ["wann habt ihr geöffnet", "wie sind eure Öffnungszeiten"]),
    ];

    [Theory]
    [InlineData("I want to book dinner for my family")]
    [InlineData("reserve a spot for dinner")]
    public async Task In_English_a_near_tie_with_a_built_in_out_of_scope_example_goes_to_the_flow(string text)
    {
        // "dinner" is also in "give me a recipe for dinner" (out of scope); the flow pools two examples, here the out-of-scope one is alone.
        var withoutMargin = new NearestExampleUnderstanding(new LexicalSimilarity(), new NearestExampleOptions { Threshold = LexicalUnderstanding.DefaultThreshold, PoolOutOfScope = false }, LexicalUnderstanding.PathName);

        var request = new UnderstandingRequest { Text = text, Language = "en", Flows = ShopAndRestaurant, AllowedCommands = SampleRequests.TopLevelCommands, Revision = "rev-1" };

        var shipped = await _lexical.UnderstandAsync(request, CancellationToken.None);
        var before = await withoutMargin.UnderstandAsync(request, CancellationToken.None);

        Assert.True(shipped.Commands.SequenceEqual([new StartFlowCommand("book_table")]), string.Join(", ", shipped.Scores.Select(p => $"{p.Key} {p.Value:F3}")));
        Assert.Equal([new CannotHandleCommand()], before.Commands);
    }

    [Theory]
    [InlineData("I want to book dinner for my family", "book_table")]
    [InlineData("reserve a spot for dinner", "book_table")]
    public async Task A_word_shared_with_one_out_of_scope_phrasing_does_not_reject_a_flow_request(string text, string flow)
    {
        // The built-in out-of-scope examples are pooled like a flow's (mean of the best two): "dinner" matches one of them
        // ("give me a recipe for dinner") and nothing else there, so the request stays the flow's, margin or none.
        var request = new UnderstandingRequest { Text = text, Language = "en", Flows = ShopAndRestaurant, AllowedCommands = SampleRequests.TopLevelCommands, Revision = "rev-1" };
        NearestExampleUnderstanding Recognizer(bool pooled) => new(new LexicalSimilarity(), new NearestExampleOptions { Threshold = LexicalUnderstanding.DefaultThreshold, PoolOutOfScope = pooled }, LexicalUnderstanding.PathName);

        var pooled = await Recognizer(pooled: true).UnderstandAsync(request, CancellationToken.None);
        var single = await Recognizer(pooled: false).UnderstandAsync(request, CancellationToken.None);

        Assert.Equal([new StartFlowCommand(flow)], pooled.Commands);
        Assert.Equal([new CannotHandleCommand()], single.Commands);
    }

    /// <summary>Scores each candidate as prepared, whatever the message.</summary>
    private sealed class PreparedSimilarity(IReadOnlyDictionary<string, double> scores) : IUtteranceSimilarity
    {
        public ValueTask<double[]> ScoreAsync(string text, IReadOnlyList<string> candidates, string? cacheKey, CancellationToken cancellationToken) =>
            ValueTask.FromResult(candidates.Select(c => scores.GetValueOrDefault(c)).ToArray());
    }

    [Theory]
    // Three flows about as near (a request on the bot's subject that none of them is for): nothing starts.
    [InlineData(0.41, null)]
    // One flow leads the third by the spread or more: it starts.
    [InlineData(0.45, "vaccination")]
    public async Task When_no_flow_stands_out_of_three_nothing_starts(double best, string? started)
    {
        var similarity = new PreparedSimilarity(new Dictionary<string, double> { ["vaccinate my kitten"] = best, ["refill the prescription"] = 0.39, ["my cat is bleeding"] = 0.39 });
        var flows = new FlowCandidate[] { new("vaccination", "", ["vaccinate my kitten"]), new("prescription", "", ["refill the prescription"]), new("emergency", "", ["my cat is bleeding"]) };
        NearestExampleUnderstanding Recognizer(double? spread) => new(similarity, new NearestExampleOptions { Threshold = 0.18, PooledExamples = 1, UseOutOfScopeExamples = false, UndecidedSpread = spread }, "embedded");
        var request = new UnderstandingRequest { Text = "do you sell dog food", Language = "en", Flows = flows, AllowedCommands = SampleRequests.TopLevelCommands };

        var result = await Recognizer(0.03).UnderstandAsync(request, CancellationToken.None);
        var without = await Recognizer(null).UnderstandAsync(request, CancellationToken.None);

        Assert.Equal(started is null ? [new CannotHandleCommand()] : [new StartFlowCommand(started)], result.Commands);
        Assert.Equal([new StartFlowCommand("vaccination")], without.Commands);
    }

    [Theory]
    [InlineData("I was charged twice for my order")]
    public async Task A_request_near_the_shop_that_no_flow_handles_is_not_routed_to_a_flow(string text)
    {
        var result = await _lexical.UnderstandAsync(new UnderstandingRequest { Text = text, Language = "en", Flows = ShopAndRestaurant, AllowedCommands = SampleRequests.TopLevelCommands, Revision = "rev-1" }, CancellationToken.None);

        Assert.Equal([new CannotHandleCommand()], result.Commands);
    }

    [Fact]
    public async Task Unrelated_text_cannot_be_handled()
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.TopLevel("play some jazz music"), CancellationToken.None);

        Assert.Equal([new CannotHandleCommand()], result.Commands);
    }

    [Fact]
    public async Task Global_commands_are_recognised_when_allowed()
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.TopLevel("I want to talk to a human"), CancellationToken.None);

        Assert.Equal([new HandoffCommand()], result.Commands);
    }

    [Fact]
    public async Task Leading_yes_at_a_confirmation_affirms()
    {
        var result = await _lexical.UnderstandAsync(SampleRequests.Confirming("yes, that's all fine"), CancellationToken.None);

        Assert.Equal([new AffirmCommand()], result.Commands);
    }

    [Theory]
    [InlineData(true, "return_item")]
    [InlineData(false, null)]
    public async Task A_flows_description_finds_it_in_words_its_examples_lack(bool useDescriptions, string? started)
    {
        var recognizer = new NearestExampleUnderstanding(new LexicalSimilarity(), new NearestExampleOptions { UseDescriptions = useDescriptions }, LexicalUnderstanding.PathName);
        var request = new UnderstandingRequest
        {
            Text = "I need a replacement for my faulty product",
            Language = "en",
            Flows =
            [
                // Not "send this product back": "send back" is returning in the everyday groups, examples or not (lex11).
                new FlowCandidate("return_item", "Send a faulty product back for a replacement", ["I want to return an item", "start a return"]),
                new FlowCandidate("order_status", "Check where an order is", ["where is my order", "track my package"]),
            ],
            AllowedCommands = [CommandKind.StartFlow, CommandKind.CannotHandle],
        };

        var result = await recognizer.UnderstandAsync(request, CancellationToken.None);

        Assert.Equal(started is null ? new CannotHandleCommand() : new StartFlowCommand(started), Assert.Single(result.Commands));
    }

    [Fact]
    public async Task Typed_answer_to_the_expected_slot_is_set()
    {
        var request = new UnderstandingRequest
        {
            Text = "tomorrow",
            Language = "en",
            Flows = SampleRequests.Flows,
            ExpectedSlot = SampleRequests.Date,
            AllowedCommands = [CommandKind.SetSlot, CommandKind.StartFlow],
            Now = SampleRequests.Now,
            TimeZone = "Europe/Berlin",
        };

        var result = await _lexical.UnderstandAsync(request, CancellationToken.None);

        Assert.Equal([new SetSlotCommand("date", "2026-03-03")], result.Commands);
    }
}

public sealed class LexicalOutOfScopeAndLanguageTests
{
    internal static readonly IReadOnlyList<FlowCandidate> Shop =
    [
        Flow("order_status", ["where is my order", "track my package", "has my order shipped yet"], ["wo ist meine Bestellung", "Sendung verfolgen", "wurde meine Bestellung schon verschickt"]),
        Flow("cancel_order", ["cancel my order", "I don't want my order anymore", "can I still cancel my purchase"], ["Bestellung stornieren", "ich will die Bestellung nicht mehr", "kann ich meinen Kauf noch rückgängig machen"]),
        Flow("change_address", ["change my delivery address", "ship it to a different address", "update the shipping address"], ["Lieferadresse ändern", "an eine andere Adresse liefern", "Versandadresse aktualisieren"]),
        Flow("request_software", ["I need a software installed", "install Photoshop on my laptop", "request new software"], ["ich brauche eine Software installiert", "Photoshop auf meinem Laptop installieren", "neue Software beantragen"]),
    ];

    // As the engine builds a request on a German channel: the flows' examples are the German ones.
    private static IReadOnlyList<FlowCandidate> InGerman(IReadOnlyList<FlowCandidate> flows) =>
        [.. flows.Select(f => f with { Examples = f.ExamplesByLanguage["de"] })];

    private static FlowCandidate Flow(string id, IReadOnlyList<string> en, IReadOnlyList<string> de) =>
        new(id, id, en) { ExamplesByLanguage = new Dictionary<string, IReadOnlyList<string>> { ["en"] = en, ["de"] = de } };

    internal static Task<UnderstandingResult> Understand(string text, IReadOnlyList<FlowCandidate>? flows = null, string language = "en") =>
        LexicalUnderstanding.Create().UnderstandAsync(new UnderstandingRequest
        {
            Text = text,
            Language = language,
            Flows = flows ?? Shop,
            AllowedCommands = SampleRequests.TopLevelCommands,
            Revision = "shop-1",
        }, CancellationToken.None).AsTask();

    [Theory]
    [InlineData("can I pay with PayPal")]
    [InlineData("how long do refunds take")]
    public async Task A_request_near_the_domain_without_a_flow_cannot_be_handled(string text) =>
        Assert.Equal([new CannotHandleCommand()], (await Understand(text)).Commands);

    [Fact]
    public async Task A_bot_with_a_refund_flow_keeps_it_although_refunds_are_a_built_in_out_of_scope_topic()
    {
        IReadOnlyList<FlowCandidate> flows = [.. Shop, Flow("refund", ["I want my money back", "request a refund", "how do I get a refund"], ["ich will mein Geld zurück"])];

        var result = await Understand("I'd like a refund for the broken kettle", flows);

        Assert.Equal([new StartFlowCommand("refund")], result.Commands);
    }

    [Fact]
    public async Task Two_flows_equally_close_ask_which_one_the_user_means()
    {
        IReadOnlyList<FlowCandidate> flows = [new("track_parcel", "Track a parcel", ["track my parcel"]), new("track_letter", "Track a letter", ["track my letter"])];

        // "shipment" would lean to the parcel (an everyday synonym); "it" names neither.
        var result = await Understand("I want to track it", flows);

        var clarify = Assert.IsType<ClarifyCommand>(Assert.Single(result.Commands));
        Assert.Equal(["track_letter", "track_parcel"], clarify.Flows.Order());
    }

    [Fact]
    public async Task A_command_word_inside_a_request_does_not_hand_the_user_over()
    {
        // "someone" is a word of the handoff phrase "let me talk to someone", not a request for a person.
        var result = await Understand("can someone install Teams for me");

        Assert.DoesNotContain(result.Commands, c => c is HandoffCommand);
    }

    [Theory]
    [InlineData("kann ich die Bestellung von gestern noch stornieren", "cancel_order")]
    [InlineData("ich bin umgezogen, bitte an die neue Adresse liefern", "change_address")]
    [InlineData("lieferadresse andern", "change_address")]
    public async Task A_German_message_on_an_English_channel_is_matched_against_the_German_examples(string text, string flow)
    {
        var result = await Understand(text, language: "en");

        Assert.Equal([new StartFlowCommand(flow)], result.Commands);
        Assert.Equal("de", result.Language);
    }

    [Theory]
    // A separable verb split across the sentence: "sage ... ab" is "absagen", an everyday word for "stornieren".
    [InlineData("ich sage meine Bestellung ab", "cancel_order")]
    [InlineData("sagt bitte meine Bestellung ab, ich brauche sie nicht", "cancel_order")]
    // Inflection: the verbal noun and the participle of the example's verb ("stornieren").
    [InlineData("Stornierung meiner Bestellung", "cancel_order")]
    // A compound whose part is an example's word in another form ("Versand" in the example's "Versandadresse").
    [InlineData("die Versandanschrift aktualisieren", "change_address")]
    public async Task A_German_paraphrase_in_another_word_form_starts_the_flow(string text, string flow) =>
        Assert.Equal([new StartFlowCommand(flow)], (await Understand(text, InGerman(Shop), language: "de")).Commands);

    [Theory]
    [InlineData("mein Handy geht nicht an")]
    // Found in a later trial: "startet" (a device that boots) was not understood.
    [InlineData("mein Rechner startet nicht")]
    public async Task A_device_that_does_not_turn_on_is_a_problem_report_in_German(string text)
    {
        // Found trying the sample shop in German: "geht ... an" (angehen: a device that works) was not understood.
        SlotInfo product = new()
        {
            Name = "product",
            Kind = "enum",
            Values = [new("laptop", ["Laptop", "Notebook", "Computer", "Rechner"]), new("phone", ["Telefon", "Handy", "Smartphone"]), new("tablet", ["Tablet"])],
        };
        IReadOnlyList<FlowCandidate> flows =
        [
            Flow("order_status", ["where is my order"], ["wo ist meine Bestellung", "Bestellstatus", "Sendung verfolgen", "ist meine Bestellung verschickt"]),
            Flow("place_order", ["I want to buy a laptop"], ["ich möchte einen Laptop kaufen", "Bestellung aufgeben", "ein Handy bestellen", "etwas kaufen"]) with { Slots = [product] },
            Flow("report_problem", ["my laptop is broken"], ["mein Laptop ist kaputt", "Problem melden", "etwas funktioniert nicht", "ich habe ein Problem"]) with { Slots = [product] },
        ];

        var result = await Understand(text, InGerman(flows), language: "de");

        Assert.Equal([new StartFlowCommand("report_problem")], result.Commands);
    }

    // Trial of issue 12: at "Welches Gerät hat das Problem?" "meine Telefonnummer" was taken as the phone. A compound is a
    // kind of its last part: only a compound that ends in a value means that value.
    [Theory]
    [InlineData("meine Telefonnummer", null)]
    [InlineData("die Handyrechnung", null)]
    [InlineData("mein Diensthandy", "phone")]
    [InlineData("das Firmentelefon", "phone")]
    [InlineData("Handys", "phone")]
    public async Task Only_a_compound_ending_in_a_value_answers_a_German_value_question(string text, string? value)
    {
        SlotInfo device = new()
        {
            Name = "device",
            Kind = "enum",
            Values = [new("laptop", ["Laptop", "Notebook", "Computer", "Rechner"]), new("phone", ["Telefon", "Handy", "Smartphone"]), new("tablet", ["Tablet", "iPad"])],
        };
        var result = await LexicalUnderstanding.Create().UnderstandAsync(new UnderstandingRequest
        {
            Text = text,
            Language = "de",
            Flows = InGerman(Shop),
            ActiveFlows = ["report_problem"],
            ExpectedSlot = device,
            Slots = [device],
            AllowedCommands = [CommandKind.SetSlot, CommandKind.StartFlow, CommandKind.Cancel, CommandKind.Help, CommandKind.CannotHandle],
            Revision = "shop-1",
        }, CancellationToken.None);

        Assert.Equal(value, result.Commands.OfType<SetSlotCommand>().SingleOrDefault(c => c.Slot == "device")?.Value);
    }

    // The English twin (issue 12): the head of a noun phrase is its last noun, so "my phone number" is no phone.
    [Theory]
    [InlineData("my phone number", null)]
    [InlineData("the laptop bag is torn", null)]
    [InlineData("my tablet case", null)]
    [InlineData("my phone", "phone")]
    [InlineData("the phone is broken", "phone")]
    public async Task A_value_followed_by_a_head_noun_answers_no_English_value_question(string text, string? value)
    {
        SlotInfo device = new()
        {
            Name = "device",
            Kind = "enum",
            Values = [new("laptop", ["notebook", "computer"]), new("phone", ["smartphone", "mobile"]), new("tablet", ["iPad"])],
        };
        var result = await LexicalUnderstanding.Create().UnderstandAsync(new UnderstandingRequest
        {
            Text = text,
            Language = "en",
            Flows = Shop,
            ActiveFlows = ["report_problem"],
            ExpectedSlot = device,
            Slots = [device],
            AllowedCommands = [CommandKind.SetSlot, CommandKind.StartFlow, CommandKind.Cancel, CommandKind.Help, CommandKind.CannotHandle],
            Revision = "shop-1",
        }, CancellationToken.None);

        Assert.Equal(value, result.Commands.OfType<SetSlotCommand>().SingleOrDefault(c => c.Slot == "device")?.Value);
    }

    [Theory]
    [InlineData("kann ich mit PayPal bezahlen")]
    [InlineData("kann ich einen Gutschein einlösen")]
    [InlineData("ich sage meine Teilnahme am Gewinnspiel ab")]
    public async Task A_German_request_near_the_domain_without_a_flow_cannot_be_handled(string text) =>
        Assert.Equal([new CannotHandleCommand()], (await Understand(text, InGerman(Shop), language: "de")).Commands);

    [Fact]
    public async Task An_English_message_on_an_English_channel_keeps_the_request_language() =>
        Assert.Null((await Understand("please cancel my order")).Language);
}
