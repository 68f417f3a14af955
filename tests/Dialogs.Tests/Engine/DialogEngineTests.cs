using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;
using Moq;

namespace Chatbot.Dialogs.Tests.Engine;

public sealed class DialogEngineTests
{
    private static Conversation Sample(IUnderstanding? understanding = null, IServiceInvoker? services = null) =>
        new(Tests.Sample.Bot(), understanding, services);

    private static async Task<Conversation> AtConfirmation()
    {
        var c = Sample();
        await c.Say("order a laptop");
        await c.Say("2");
        await c.Say("small");
        await c.Say("1 Main Road");
        await c.Say("anna@example.com");
        Assert.Equal("email_thanks,confirm_order", c.Ids);
        return c;
    }

    [Fact]
    public async Task Ask_is_skipped_when_its_slot_is_already_filled()
    {
        var c = Sample();
        await c.Say("I want to buy a phone");
        Assert.Equal("ask_quantity", c.Ids);
        Assert.Contains("slot_set:product", c.Last.Trace.Events);
        Assert.DoesNotContain(c.Last.Replies, r => r.ResponseId == "ask_product");
    }

    [Fact]
    public async Task Invalid_answers_get_reprompts_and_the_ask_gives_up_after_max_attempts()
    {
        var c = Sample();
        await c.Say("where is my order");
        await c.Say("my latest one");
        Assert.Equal("order_id_invalid", c.Ids);
        Assert.True(c.Last.Replies[0].ExpectsInput);
        await c.Say("still no idea");
        Assert.Equal("order_id_invalid", c.Ids);
        await c.Say("no clue");
        Assert.Equal("order_id_exhausted", c.Ids);
        Assert.True(c.Last.Replies[0].Handoff);
        Assert.Contains("exhausted:ask_order_id", c.Last.Trace.Events);
        Assert.Empty(c.Flows);
        Assert.True(c.State!.HandedOff);
    }

    [Fact]
    public async Task Validation_rule_message_is_sent_and_the_value_is_not_kept()
    {
        var c = Sample();
        await c.Say("order a tablet");
        await c.Say("50");
        Assert.Equal("quantity_out_of_range", c.Ids);
        Assert.Null(c.Slot("quantity"));
        Assert.Contains("set_slot quantity: validation failed (quantity_out_of_range)", c.Last.Trace.CommandsRejected);
        await c.Say("5");
        Assert.Equal("ask_size", c.Ids);
        Assert.Equal("5", c.Slot("quantity"));
    }

    [Fact]
    public async Task Exhausted_ask_without_on_exhausted_ends_the_flow_with_the_pattern_response()
    {
        var c = Sample();
        await c.Say("order a tablet");
        await c.Say("50");
        await c.Say("60");
        await c.Say("70");
        Assert.Equal("builtin.exhausted", c.Ids);
        Assert.Contains("flow_cancelled:place_order", c.Last.Trace.Events);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task Confirm_yes_continues_and_no_clears_the_edit_slots_and_asks_again()
    {
        var c = await AtConfirmation();
        await c.Say("no");
        Assert.Equal("ask_product", c.Ids);
        Assert.Null(c.Slot("product"));
        Assert.Null(c.Slot("quantity"));
        Assert.Null(c.Slot("size"));
        Assert.Equal("1 Main Road", c.Slot("address"));
        Assert.Equal("anna@example.com", c.Slot("email"));

        await c.Click("tablet");
        await c.Say("1");
        await c.Say("large");
        Assert.Equal("email_thanks,confirm_order", c.Ids); // the address is kept and the e-mail passed back in, so neither is asked again
        await c.Say("yes");
        Assert.Equal("order_placed", c.Ids);
        Assert.Equal("Done! Your order for 1 x Tablet (large) is placed.", c.Text);
    }

    [Fact]
    public async Task Call_returns_outputs_to_the_caller()
    {
        var c = await AtConfirmation();
        Assert.Equal(["place_order"], c.Flows);
        Assert.Equal("anna@example.com", c.Slot("email"));
        Assert.Contains("flow_completed:collect_contact", c.Last.Trace.Events);
    }

    [Fact]
    public async Task Interrupting_flow_is_stacked_and_the_interrupted_step_is_asked_again()
    {
        var services = new FakeServices();
        services.Answers["/orders/XY99999"] = """{"status":"delivered"}""";
        var c = Sample(services: services);
        await c.Say("order a laptop");
        Assert.Equal("ask_quantity", c.Ids);

        await c.Say("where is my order?");
        Assert.Equal("ask_order_id", c.Ids);
        Assert.Equal(["place_order", "order_status"], c.Flows);

        await c.Say("XY99999");
        Assert.Equal("order_delivered,resume,ask_quantity", c.Ids);
        Assert.Equal(["place_order"], c.Flows);
        Assert.Equal("laptop", c.Slot("product"));
    }

    [Fact]
    public async Task Correction_at_the_confirmation_updates_the_slot_and_confirms_again()
    {
        var c = await AtConfirmation();
        await c.Say("no, a phone");
        Assert.Equal("builtin.correction,confirm_order", c.Ids);
        Assert.Equal("phone", c.Slot("product"));
        Assert.Contains("slot_corrected:product", c.Last.Trace.Events);
        Assert.StartsWith("So that is 2 x Phone", c.Last.Replies[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correction_of_an_earlier_slot_while_another_is_asked()
    {
        var c = Sample();
        await c.Say("order a laptop");
        await c.Say("actually a tablet");
        Assert.Equal("builtin.correction,ask_quantity", c.Ids);
        Assert.Equal("tablet", c.Slot("product"));
    }

    [Fact]
    public async Task Cancel_asks_for_confirmation_first()
    {
        var c = Sample();
        await c.Say("order a laptop");
        await c.Say("cancel");
        Assert.Equal("cancel_confirm", c.Ids);
        Assert.Equal(["yes", "no"], c.Last.Replies[0].Buttons.Select(b => b.Value));

        await c.Say("no");
        Assert.Equal("ask_quantity", c.Ids);
        Assert.Equal(["place_order"], c.Flows);

        await c.Say("stop");
        await c.Click("yes");
        Assert.Equal("cancelled", c.Ids);
        Assert.Empty(c.Flows);
        Assert.Contains("flow_cancelled:place_order", c.Last.Trace.Events);
    }

    [Fact]
    public async Task Cancelling_an_interruption_resumes_the_interrupted_flow()
    {
        var c = Sample();
        await c.Say("order a laptop");
        await c.Say("I have a problem");
        Assert.Equal(["place_order", "report_problem"], c.Flows);
        await c.Say("cancel");
        await c.Say("yes");
        Assert.Equal("cancelled,resume,ask_quantity", c.Ids);
        Assert.Equal(["place_order"], c.Flows);
    }

    [Theory]
    [InlineData("he\u200Blp")] // zero-width space (pasted text)
    [InlineData("hel\u00ADp")] // soft hyphen
    [InlineData("h\uFEFFe\u2060lp")] // zero-width no-break space, word joiner
    [InlineData("\u202Bhelp\u202C")] // right-to-left embedding around it
    [InlineData("he\u200Elp\u200F")] // left-to-right and right-to-left marks
    public async Task Invisible_characters_inside_a_word_do_not_hide_it(string typed)
    {
        var c = Sample();
        await c.Say(typed);
        Assert.Equal("help", c.Ids);
    }

    // Red team round 4: a message of direction marks only showed nothing to the user but was "not understood" (and, twice,
    // the topics), unlike one of zero-width spaces, which is empty: both now get what an empty message gets.
    [Theory]
    [InlineData("\u200E\u200F")]
    [InlineData("\u202E")]
    [InlineData("\u2066 \u2069")]
    [InlineData("\u200B \uFEFF\u061C")]
    public async Task A_message_of_invisible_marks_only_is_answered_like_an_empty_one(string typed)
    {
        var c = Sample();
        await c.Say(typed);
        Assert.Equal("help", c.Ids);
        await c.Say("order a laptop");
        await c.Say(typed);
        Assert.Equal(["place_order"], c.Flows);
        Assert.True(Assert.Single(c.Last.Replies).ExpectsInput);
    }

    [Fact]
    public async Task Help_uses_the_step_help_then_the_flow_help_and_asks_again()
    {
        var c = Sample();
        await c.Say("track my order");
        await c.Say("help");
        Assert.Equal("order_id_help,ask_order_id", c.Ids);
        Assert.Equal(0, c.State!.Stack[0].Attempts);

        var d = Sample();
        await d.Say("order a laptop");
        await d.Say("help");
        Assert.Equal("place_order_help,ask_quantity", d.Ids);

        var e = Sample();
        await e.Say("help");
        Assert.Equal("help", e.Ids);
    }

    [Fact]
    public async Task Start_over_clears_everything_and_greets_again()
    {
        var c = Sample();
        await c.Say("order a laptop");
        await c.Say("start over");
        Assert.Equal("start_over_confirm", c.Ids); // the sample asks first (patterns.start_over.confirm)
        await c.Say("yes");
        Assert.Equal("builtin.start_over,welcome", c.Ids);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task Handoff_is_flagged_on_the_reply_and_in_the_state()
    {
        var c = Sample();
        await c.Say("order a laptop");
        await c.Say("I want to talk to a human");
        Assert.Equal("handoff", c.Ids);
        Assert.True(c.Last.Replies[0].Handoff);
        Assert.True(c.State!.HandedOff);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task Urgent_problem_is_handed_off_through_a_branch()
    {
        var c = Sample();
        await c.Say("my laptop is broken");
        Assert.Equal("ask_details", c.Ids);
        Assert.Equal("laptop", c.Slot("device"));
        await c.Say("the screen stays black");
        Assert.Equal("ask_urgency", c.Ids);
        await c.Click("high");
        Assert.Equal("problem_escalated", c.Ids);
        Assert.True(c.Last.Replies[0].Handoff);
    }

    [Fact]
    public async Task Failed_http_call_takes_the_error_path()
    {
        var c = Sample(services: new FakeServices());
        await c.Say("where is my order");
        await c.Say("AB12345");
        Assert.Equal("order_lookup_failed", c.Ids);
        Assert.Contains("http_failed:lookup", c.Last.Trace.Events);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task Goto_loop_is_stopped_by_the_per_turn_bound()
    {
        var bot = TestBots.Compile("""
            flows:
              loop:
                description: loops
                examples: { en: [loop] }
                slots: { n: integer }
                steps:
                  - id: top
                    ask: n
                    response: ask_n
                  - goto: top
            responses:
              ask_n: { text: { en: Number? } }
            """);
        var c = new Conversation(bot);
        await c.Say("loop");
        Assert.Equal("ask_n", c.Ids);
        await c.Say("3");
        Assert.Equal("builtin.error", c.Ids);
        Assert.Contains("limit:gotos", c.Last.Trace.Events);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task Command_not_allowed_at_the_step_is_rejected_and_recorded()
    {
        var understanding = new Mock<IUnderstanding>();
        understanding.Setup(u => u.UnderstandAsync(It.IsAny<UnderstandingRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UnderstandingResult { Path = "llm", Commands = [new AffirmCommand(), new SetSlotCommand("nonexistent", "x")] });
        var c = Sample(understanding.Object);
        await c.Click("place_order");
        await c.Say("sure thing");
        Assert.Contains("affirm: not allowed at this step", c.Last.Trace.CommandsRejected);
        Assert.Contains("set_slot nonexistent: no such slot in the active flows", c.Last.Trace.CommandsRejected);
        Assert.Empty(c.Last.Trace.CommandsAccepted);
        Assert.Equal("builtin.reprompt_choice,ask_product", c.Ids);
        Assert.Equal(1, c.State!.Stack[0].Attempts);
    }

    [Theory]
    [InlineData("ok", "builtin.chitchat")]
    [InlineData("yes", "builtin.chitchat")]
    [InlineData("no thanks", "builtin.goodbye")]
    [InlineData("thanks a lot!", "builtin.thanks")]
    [InlineData("bye", "builtin.goodbye")]
    public async Task Ok_yes_no_thanks_and_bye_when_nothing_was_asked_start_no_flow(string text, string said)
    {
        // The embedded model once put "ok" nearest to the problem report; a bare yes/no never reaches a recognizer here.
        var understanding = new Mock<IUnderstanding>();
        understanding.Setup(u => u.UnderstandAsync(It.IsAny<UnderstandingRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UnderstandingResult { Path = "embedded", Commands = [new StartFlowCommand("report_problem")] });
        var c = Sample(understanding.Object);

        await c.Say(text);

        Assert.Equal(said, c.Ids);
        Assert.Empty(c.Flows);
        Assert.Contains("pattern:chitchat", c.Last.Trace.Events);
    }

    [Theory]
    [InlineData("chitchat")]
    [InlineData("cannot_handle")]
    public async Task A_free_text_answer_that_understanding_calls_chitchat_or_out_of_scope_fills_the_asked_text_slot(string kind)
    {
        // Embedding recognizers match a description like this against examples and find only chit-chat or nothing.
        Command command = kind == "chitchat" ? new ChitchatCommand() : new CannotHandleCommand();
        var understanding = new Mock<IUnderstanding>();
        understanding.Setup(u => u.UnderstandAsync(It.Is<UnderstandingRequest>(r => r.ExpectedSlot != null && r.ExpectedSlot.Name == "details"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new UnderstandingResult { Path = "embedded", Commands = [command] });
        var c = Sample(understanding.Object);
        await c.Click("report_problem");
        await c.Click("laptop");
        Assert.Equal("ask_details", c.Ids);

        await c.Say("the screen stays black after the update");

        Assert.Equal("the screen stays black after the update", c.Slot("details"));
        Assert.DoesNotContain(c.Last.Replies, r => r.ResponseId is "ask_details" or "chitchat");
    }

    [Fact]
    public async Task Fast_path_resolves_buttons_synonyms_and_yes_without_understanding()
    {
        var understanding = new Mock<IUnderstanding>(MockBehavior.Strict);
        var c = Sample(understanding.Object);
        await c.Click("place_order");
        Assert.Equal("fast", c.Last.Trace.Path);
        await c.Say("Notebook");
        Assert.Equal("laptop", c.Slot("product"));
        await c.Say("3");
        await c.Say("Big");
        await c.Say("12 Baker Street"); // free text that cannot be another request: no understanding call either
        Assert.Equal("12 Baker Street", c.Slot("address"));
        await c.Say("bob@example.com");
        await c.Say("Yes");
        Assert.Equal("order_placed", c.Ids);
        Assert.Equal("fast", c.Last.Trace.Path);
        understanding.Verify(u => u.UnderstandAsync(It.IsAny<UnderstandingRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Understanding_request_carries_the_context_of_the_step()
    {
        UnderstandingRequest? seen = null;
        var understanding = new Mock<IUnderstanding>();
        understanding.Setup(u => u.UnderstandAsync(It.IsAny<UnderstandingRequest>(), It.IsAny<CancellationToken>()))
            .Callback<UnderstandingRequest, CancellationToken>((r, _) => seen = r)
            .ReturnsAsync(UnderstandingResult.Empty("llm"));
        var c = Sample(understanding.Object);
        await c.Click("place_order");
        await c.Say("the silver one");
        Assert.NotNull(seen);
        Assert.Equal("product", seen!.ExpectedSlot!.Name);
        Assert.Equal(["laptop", "phone", "tablet"], seen.ExpectedSlot.Values.Select(v => v.Value));
        Assert.Equal(["order_status", "place_order", "report_problem", "warranty_claim"], seen.Flows.Select(f => f.Id));
        Assert.DoesNotContain(seen.Flows, f => f.Id == "collect_contact");
        Assert.Contains(CommandKind.Cancel, seen.AllowedCommands);
        Assert.DoesNotContain(CommandKind.Affirm, seen.AllowedCommands);
        Assert.Equal(["place_order"], seen.ActiveFlows);
        Assert.Equal(Conversation.Now, seen.Now);
        Assert.Equal(Tests.Sample.Bot().Revision, seen.Revision);
    }

    [Fact]
    public async Task Sensitive_answers_are_masked_in_the_history()
    {
        var c = Sample();
        await c.Say("order a laptop");
        await c.Say("2");
        await c.Say("small");
        await c.Say("1 Main Road");
        await c.Say("secret.person@example.com");
        var history = c.State!.History;
        Assert.Contains(history, l => l.Speaker == "user" && l.Text == "***");
        Assert.DoesNotContain(history, l => l.Text.Contains("secret.person", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_is_bounded()
    {
        var c = Sample();
        for (var i = 0; i < 10; i++) await c.Say("hello");
        Assert.Equal(6, c.State!.History.Count);
    }

    [Fact]
    public async Task State_round_trips_through_json()
    {
        var c = await AtConfirmation();
        var json = c.StateJson!;
        var again = DialogStateJson.Serialize(DialogStateJson.Deserialize(json)!);
        Assert.Equal(json, again);
        Assert.Contains("\"revision\":", json, StringComparison.Ordinal);
        Assert.True(json.Length < 4096, $"state is {json.Length} bytes");
    }

    [Fact]
    public async Task A_host_that_keeps_the_state_as_json_gets_the_same_turn_and_the_json_to_store()
    {
        // Issue 19: the host hands the stored bytes in and stores the engine's bytes, so the state is serialised once a turn.
        var c = await AtConfirmation();
        var stored = System.Text.Encoding.UTF8.GetBytes(c.StateJson!);
        var viaObject = await c.Engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "yes", Locale = "en", State = c.State, Now = Conversation.Now }, default);
        var viaJson = await c.Engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "yes", Locale = "en", StateJson = stored, Now = Conversation.Now }, default);

        Assert.Equal(viaObject.Replies.Select(r => r.ResponseId), viaJson.Replies.Select(r => r.ResponseId));
        Assert.True(viaJson.StateChanged);
        var after = DialogStateJson.Serialize(viaJson.State);
        Assert.Equal(DialogStateJson.Serialize(viaObject.State), after);
        Assert.Equal(after, System.Text.Encoding.UTF8.GetString(viaJson.StateJson!.Value.Span));
        Assert.Equal(c.StateJson, DialogStateJson.Serialize(new TurnInput { Kind = TurnKind.Message, StateJson = stored }.State!));
    }

    [Fact]
    public async Task Stored_json_that_is_not_a_dialog_state_starts_the_conversation_over()
    {
        var c = Sample();
        var outcome = await c.Engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "order a laptop", Locale = "en", StateJson = "[1,2]"u8.ToArray(), Now = Conversation.Now }, default);
        Assert.Equal("ask_quantity", outcome.Replies[0].ResponseId);
        Assert.Equal(1, outcome.State.Turn);
    }

    [Fact]
    public async Task A_timer_for_a_conversation_without_state_hands_back_no_state_to_store()
    {
        // The state JSON a turn that changes nothing hands back is what the host stores: for a conversation that had none
        // it is none, not zero bytes (which are not JSON).
        var c = Sample();
        var outcome = await c.Engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Event, EventName = FlowTimers.RemindEvent, Locale = "en", Now = Conversation.Now }, default);
        Assert.False(outcome.StateChanged);
        Assert.Empty(outcome.Replies);
        Assert.Null(outcome.StateJson);
    }

    [Fact]
    public async Task A_new_conversations_first_turn_throws_nothing_reading_its_state()
    {
        // Issue 19: every new conversation threw and caught two JsonExceptions reading a state it did not have.
        var c = Sample();
        var thrown = new List<string>();
        var inThisTest = new AsyncLocal<bool> { Value = true };
        void Record(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (!inThisTest.Value) return; // other tests run in parallel
            lock (thrown) thrown.Add(e.Exception.GetType().Name + ": " + e.Exception.Message);
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        try
        {
            await c.Say("order a laptop");
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        Assert.Equal("ask_quantity", c.Ids);
        Assert.Empty(thrown);
    }

    [Fact]
    public async Task Empty_message_is_answered_like_one_nobody_understood_and_keeps_the_flow()
    {
        // Issue 14: a message a user sent (e.g. a Teams "@Bot" with nothing else) is never answered with silence.
        var c = Sample();
        await c.Say("order a laptop");
        await c.Say("   ");
        Assert.Single(c.Last.Replies);
        Assert.True(c.Last.Replies[0].ExpectsInput);
        Assert.Equal(["place_order"], c.Flows);
        Assert.Null(c.Slot("quantity"));
    }

    [Fact]
    public async Task State_from_an_older_revision_whose_step_is_gone_restarts_safely()
    {
        var old = new DialogState
        {
            Revision = "0000000000000000",
            Stack = [new FlowFrame { Flow = "place_order", Step = "ask_colour" }],
        };
        var c = Sample();
        var outcome = await c.Run(new TurnInput { Kind = TurnKind.Message, Text = "where is my order", State = old, Now = Conversation.Now });
        Assert.Equal("builtin.recovered,ask_order_id", c.Ids);
        Assert.Contains("recovered", outcome.Trace.Events);
        Assert.Equal(Tests.Sample.Bot().Revision, outcome.State.Revision);
    }

    [Fact]
    public async Task State_from_an_older_revision_whose_step_still_exists_continues()
    {
        var old = new DialogState
        {
            Revision = "0000000000000000",
            Stack = [new FlowFrame { Flow = "place_order", Step = "ask_quantity", Slots = { ["product"] = JsonSerializer.SerializeToElement("phone"), ["gone"] = JsonSerializer.SerializeToElement(1) } }],
        };
        var c = Sample();
        await c.Run(new TurnInput { Kind = TurnKind.Message, Text = "4", State = old, Now = Conversation.Now });
        Assert.Equal("ask_size", c.Ids);
        Assert.Null(c.Slot("gone"));
    }

    [Fact]
    public async Task Unknown_flow_in_state_is_recovered_not_thrown()
    {
        var old = new DialogState { Revision = "x", Stack = [new FlowFrame { Flow = "deleted_flow", Step = "#1" }] };
        var c = Sample();
        await c.Run(new TurnInput { Kind = TurnKind.Message, Text = "hello", State = old, Now = Conversation.Now });
        Assert.Equal("builtin.recovered,builtin.chitchat", c.Ids);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task Conversation_start_sends_the_welcome()
    {
        var c = Sample();
        await c.Start();
        Assert.Equal("welcome", c.Ids);
        Assert.False(c.Last.Replies[0].ExpectsInput);
        Assert.True(c.Last.StateChanged);
    }

    [Fact]
    public async Task Phrasing_is_used_only_when_the_response_opts_in_and_falls_back_on_failure()
    {
        var bot = TestBots.Compile("""
            flows:
              hi:
                description: greets
                examples: { en: [greet me] }
                steps:
                  - say: plain
                  - say: fancy
            responses:
              plain: { text: { en: Plain. } }
              fancy:
                text: { en: Fancy. }
                phrasing: rephrase
                guards: { max_sentences: 1, forbidden: [prices] }
            """);
        var phraser = new Mock<IResponsePhraser>();
        phraser.Setup(p => p.PhraseAsync(It.Is<PhrasingRequest>(r => r.ResponseId == "fancy"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new PhrasingResult("Very fancy.", true, TokensIn: 10, TokensOut: 3));
        var engine = new DialogEngine(new StaticDefinitionsProvider(bot), new KeywordRecognizer(), phraser: phraser.Object);
        var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "greet me", Now = Conversation.Now }, CancellationToken.None);
        Assert.Equal(["Plain.", "Very fancy."], outcome.Replies.Select(r => r.Text));
        phraser.Verify(p => p.PhraseAsync(It.Is<PhrasingRequest>(r => r.ResponseId == "plain"), It.IsAny<CancellationToken>()), Times.Never);
        phraser.Verify(p => p.PhraseAsync(It.Is<PhrasingRequest>(r => r.MaxSentences == 1 && r.ForbiddenTopics.Contains("prices") && r.TemplateText == "Fancy."), It.IsAny<CancellationToken>()), Times.Once);

        phraser.Reset();
        phraser.Setup(p => p.PhraseAsync(It.IsAny<PhrasingRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("model down"));
        outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "greet me", Now = Conversation.Now }, CancellationToken.None);
        Assert.Equal(["Plain.", "Fancy."], outcome.Replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Understanding_that_throws_is_treated_as_not_understood()
    {
        var understanding = new Mock<IUnderstanding>();
        understanding.Setup(u => u.UnderstandAsync(It.IsAny<UnderstandingRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new TimeoutException());
        var c = Sample(understanding.Object);
        await c.Say("something else entirely");
        Assert.Equal("builtin.cannot_handle", c.Ids);
        Assert.Equal("fallback", c.Last.Trace.Path);
    }
}

public sealed class DialogEngineFaultTests
{
    private sealed class ThrowingServices : IServiceInvoker
    {
        public ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("boom");
    }

    [Fact]
    public async Task Throwing_service_invoker_takes_the_error_path()
    {
        var c = new Conversation(Sample.Bot(), services: new ThrowingServices());
        await c.Say("where is my order");
        await c.Say("AB12345");
        Assert.Equal("order_lookup_failed", c.Ids);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_swallowed()
    {
        var understanding = new Mock<IUnderstanding>();
        understanding.Setup(u => u.UnderstandAsync(It.IsAny<UnderstandingRequest>(), It.IsAny<CancellationToken>()))
            .Returns<UnderstandingRequest, CancellationToken>((_, ct) => ValueTask.FromCanceled<UnderstandingResult>(ct));
        var engine = new DialogEngine(new StaticDefinitionsProvider(Sample.Bot()), understanding.Object);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "something else entirely", Now = Conversation.Now }, cts.Token));
    }
}
