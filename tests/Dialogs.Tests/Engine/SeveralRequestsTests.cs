using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// Several requests in one message, as a model reads them (issue 12): a cancel with what the user wants instead, the
/// running flow begun anew with new values, two requests that run one after the other (the second kept waiting in the
/// conversation state and shown in the trace), and "what can I write?" at an optional question.
/// </summary>
public sealed class SeveralRequestsTests
{
    private const string Bot = """
        flows:
          book:
            description: Book an appointment
            examples: { en: [book an appointment] }
            slots: { reason: reason, day: date, note: text }
            steps:
              - ask: reason
                response: ask_reason
              - ask: day
                response: ask_day
              - ask: note
                response: ask_note
                optional: true
              - confirm: confirm_book
              - end: booked
          callback:
            description: Ask for a call back
            examples: { en: [please call me back] }
            slots: { phone: text }
            steps:
              - ask: phone
                response: ask_phone
              - end: calling
          hours:
            description: Opening hours
            examples: { en: [when are you open] }
            steps:
              - end: open_hours
        slot_types:
          reason:
            kind: enum
            values:
              checkup: { en: [checkup] }
              vaccination: { en: [vaccination] }
        responses:
          ask_reason: { text: { en: What is the visit for? } }
          ask_day: { text: { en: Which day? } }
          ask_note: { text: { en: "Anything we should know? If not, just write skip." } }
          confirm_book: { text: { en: "{{ reason }} on {{ day }}. OK?" } }
          booked: { text: { en: Booked. } }
          ask_phone: { text: { en: Which number should we call? } }
          calling: { text: { en: We will call you. } }
          open_hours: { text: { en: We are open from 8 to 6. } }
          cancel_confirm: { text: { en: "Do you want to stop {{ flow.label }}?" } }
        patterns:
          cancel: { confirm: cancel_confirm }
        """;

    private static Command Start(string flow) => new StartFlowCommand(flow);

    private static Command Set(string slot, string value) => new SetSlotCommand(slot, value);

    private static async Task<(Conversation Chat, SteerableModel Model)> AtConfirmation()
    {
        var model = new SteerableModel();
        var c = new Conversation(TestBots.Compile(Bot), model);
        await c.Say("book an appointment");
        await c.Say("checkup");
        await c.Say("2026-11-30");
        await c.Say("skip");
        Assert.Equal("confirm_book", c.Ids);
        return (c, model);
    }

    private static async Task<(Conversation Chat, SteerableModel Model)> AtDay()
    {
        var model = new SteerableModel();
        var c = new Conversation(TestBots.Compile(Bot), model);
        await c.Say("book an appointment");
        await c.Say("checkup");
        Assert.Equal("ask_day", c.Ids);
        return (c, model);
    }

    [Fact]
    public async Task A_cancel_and_the_running_flow_asked_for_anew_begin_it_again_with_the_new_values()
    {
        // Before: "Do you want to stop …?" and the new booking for a vaccination on Friday was lost.
        var (c, model) = await AtDay();
        model.Commands = [Command.Create(CommandKind.Cancel), Start("book"), Set("reason", "vaccination"), Set("day", "2026-12-04")];

        var outcome = await c.Say("no no, I need to redo the whole booking: a vaccination on Friday");

        Assert.Equal(["flow_cancelled:book", "flow_started:book"], outcome.Trace.Events.Where(e => e.StartsWith("flow_", StringComparison.Ordinal)));
        Assert.Equal("builtin.cancelled,ask_note", c.Ids);
        Assert.Equal(["book"], c.Flows);
        Assert.Equal("vaccination", c.Slot("reason"));
        Assert.Equal("2026-12-04", c.Slot("day"));
    }

    [Fact]
    public async Task A_cancel_and_another_flow_in_either_order_cancel_without_asking_and_start_it()
    {
        var (c, model) = await AtConfirmation();
        model.Commands = [Start("callback"), Set("phone", "030 1234"), Command.Create(CommandKind.Cancel)];

        var outcome = await c.Say("forget the booking and call me back on 030 1234");

        Assert.Equal(["flow_cancelled:book", "flow_started:callback", "flow_completed:callback"], outcome.Trace.Events.Where(e => e.StartsWith("flow_", StringComparison.Ordinal)));
        Assert.Equal("builtin.cancelled,calling", c.Ids);
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task A_cancel_alone_for_a_message_that_joins_a_request_reads_the_request_on_its_own()
    {
        // The model read only the cancel; the request after "and" is read as at the top level, where the cancel leaves the user.
        var (c, model) = await AtDay();
        model.Next.Enqueue([Command.Create(CommandKind.Cancel)]);
        model.Next.Enqueue([Start("book"), Set("day", "2026-12-04")]);

        var outcome = await c.Say("drop all of it and book a new one for Friday");

        Assert.Contains("cancel_then_start", outcome.Trace.Events);
        Assert.Equal(["drop all of it and book a new one for Friday", "book a new one for Friday"], model.Texts.TakeLast(2));
        Assert.Equal("builtin.cancelled,ask_reason", c.Ids);
        Assert.Equal("2026-12-04", c.Slot("day"));
    }

    [Fact]
    public async Task Cancelling_the_running_flow_by_its_own_words_and_a_request_joined_to_it_asks_about_the_request_only()
    {
        // "cancel the appointment": a cancel verb and a word of the running flow's examples; the engine splits the
        // message itself (as "cancel this and …"), so one call reads only the request. Before: the whole message went
        // to the recognizer, and the local ones answered "Sorry, that is not a valid answer."
        var (c, model) = await AtDay();
        var calls = model.Texts.Count;
        model.Commands = [Start("book"), Set("day", "2026-12-04")];

        var outcome = await c.Say("cancel the appointment and book a new one for Friday");

        Assert.Contains("cancel_then_start", outcome.Trace.Events);
        Assert.Equal(["book a new one for Friday"], model.Texts.Skip(calls));
        Assert.Equal("builtin.cancelled,ask_reason", c.Ids);
        Assert.Equal("2026-12-04", c.Slot("day"));
    }

    [Fact]
    public async Task A_cancel_alone_whose_joined_words_start_nothing_is_still_asked_back()
    {
        var (c, model) = await AtDay();
        model.Next.Enqueue([Command.Create(CommandKind.Cancel)]);
        model.Next.Enqueue([Command.Create(CommandKind.CannotHandle)]);

        await c.Say("cancel it and sorry for the trouble");

        Assert.Equal("cancel_confirm", c.Ids);
        Assert.Equal(["book"], c.Flows);
    }

    [Fact]
    public async Task Two_starts_from_any_recognizer_run_one_after_the_other_and_the_waiting_one_shows_in_the_trace()
    {
        // Before, only the model client's parser kept the second start; a scripted recognizer's second start was lost.
        var model = new SteerableModel { Commands = [Start("callback"), Start("book"), Set("reason", "checkup")] };
        var c = new Conversation(TestBots.Compile(Bot), model);

        var outcome = await c.Say("call me back and also book a checkup");

        Assert.Contains("flow_waiting:book", outcome.Trace.Events);
        Assert.Equal(["book"], outcome.Trace.Waiting);
        Assert.Equal("ask_phone", c.Ids);
        model.Commands = null;
        await c.Say("030 1234");
        Assert.Equal("calling,ask_day", c.Ids);
        Assert.Equal("checkup", c.Slot("reason"));
        Assert.Empty(c.Last.Trace.Waiting);
    }

    [Fact]
    public async Task The_waiting_request_is_kept_in_the_state_until_the_first_ends()
    {
        var model = new SteerableModel { Commands = [Start("callback"), Start("hours")] };
        var c = new Conversation(TestBots.Compile(Bot), model);

        await c.Say("call me back and tell me when you are open");

        Assert.Equal("ask_phone", c.Ids);
        Assert.Equal(["hours", "callback"], c.Flows);
        model.Commands = null;
        var outcome = await c.Say("030 1234");
        Assert.Equal("calling,open_hours", c.Ids);
        Assert.Empty(c.Flows);
        Assert.Empty(outcome.Trace.Waiting);
    }

    [Fact]
    public async Task Two_requests_in_the_middle_of_a_flow_run_one_after_the_other_and_the_flow_resumes()
    {
        var model = new SteerableModel();
        var c = new Conversation(TestBots.Compile(Bot), model);
        await c.Say("book an appointment");
        model.Commands = [Start("hours"), Start("callback")];

        var outcome = await c.Say("when are you open, and can someone call me back?");

        Assert.Equal(["flow_waiting:callback", "flow_started:hours", "flow_completed:hours", "flow_started:callback"], outcome.Trace.Events);
        Assert.Equal("open_hours,ask_phone", c.Ids);
        model.Commands = null;
        await c.Say("030 1234");
        Assert.Equal("calling,builtin.resume,ask_reason", c.Ids);
        Assert.Equal(["book"], c.Flows);
    }

    [Fact]
    public async Task A_third_request_is_not_kept_and_the_trace_says_so()
    {
        var model = new SteerableModel { Commands = [Start("callback"), Start("hours"), Start("book")] };
        var c = new Conversation(TestBots.Compile(Bot), model);

        var outcome = await c.Say("call me back, tell me when you are open and book an appointment");

        Assert.Equal(["hours", "callback"], c.Flows);
        Assert.Contains("start_flow book: a third request in one message", outcome.Trace.CommandsRejected);
    }

    [Fact]
    public async Task Asking_what_to_write_at_an_optional_question_gets_the_question_again_on_the_model_path()
    {
        // Before: the model's options at the optional note counted as "I don't know" and got answer_required.
        var model = new SteerableModel();
        var c = new Conversation(TestBots.Compile(Bot), model);
        await c.Say("book an appointment");
        await c.Say("checkup");
        await c.Say("2026-11-30");
        model.Commands = [new HelpCommand { About = StepQuestion.Options }];

        var outcome = await c.Say("what kind of things can I write there?");

        Assert.Equal("builtin.repeat,ask_note", c.Ids);
        Assert.Contains("pattern:repeat", outcome.Trace.Events);
        Assert.Null(c.Slot("note"));
        Assert.DoesNotContain("slot_skipped:note", outcome.Trace.Events);
    }
}
