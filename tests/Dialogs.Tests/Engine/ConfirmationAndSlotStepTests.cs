using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary><c>clear</c>, <c>goto</c> with <c>limit</c>, confirmations with <c>on_change</c> and <c>on_no: { prompt }</c>, response <c>variants</c>.</summary>
public sealed class ConfirmationAndSlotStepTests
{
    internal const string Bot = """
        services:
          geo:
            base_url: http://geo.test
        slot_types:
          fulfilment:
            kind: enum
            values: [delivery, pickup]
          postcode:
            kind: regex
            pattern: "^[0-9]{5}$"
        flows:
          order:
            examples: { en: [order flowers] }
            slots:
              fulfilment: fulfilment
              street: text
              postcode: postcode
              zone: text
              quantity: integer
            steps:
              - ask: fulfilment
                response: ask_fulfilment
              - id: route
                branch:
                  - if: fulfilment == "pickup"
                    goto: ask_quantity
              - id: ask_street
                ask: street
                response: ask_street
              - ask: postcode
                response: ask_postcode
              - id: check_address
                http: geo
                path: "/zones/{{ postcode }}"
                result: { zone: $.zone }
                on_status: { 404: unknown_address }
              - id: ask_quantity
                ask: quantity
                response: ask_quantity
                validation:
                  - rule: quantity <= 10
                    message: too_many
              - id: confirm
                confirm: confirm_order
                on_change: route
                on_no:
                  prompt: what_to_change
                  reprompt: what_to_change_again
              - end: done
              - id: unknown_address
                say: address_unknown
              - clear: [street, postcode]
              - goto: ask_street
                limit: 1
                on_limit: give_up
              - id: give_up
                end: cannot_deliver
        responses:
          ask_fulfilment: { text: { en: Delivery or pickup? } }
          ask_street: { text: { en: Which street? } }
          ask_postcode: { text: { en: Which postcode? } }
          ask_quantity: { text: { en: How many? } }
          too_many: { text: { en: At most 10. } }
          confirm_order:
            text: { en: "{{ quantity }} to {{ street }}, {{ postcode }} (zone {{ zone }})?" }
            variants:
              - if: fulfilment == "pickup"
                text: { en: "{{ quantity }} for pickup?" }
          what_to_change: { text: { en: What would you like to change? } }
          what_to_change_again: { text: { en: "Tell me the new value, for example a number." } }
          address_unknown: { text: { en: "I cannot find {{ postcode }}." } }
          cannot_deliver: { text: { en: We cannot deliver there. } }
          done: { text: { en: Done. } }
        """;

    /// <summary>Answers from a queue of scripted commands when one is given for the turn, else like the keyword recognizer.</summary>
    private sealed class Scripted : IUnderstanding
    {
        private readonly KeywordRecognizer _keywords = new();

        public Queue<Command[]?> Next { get; } = new();

        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            Next.TryDequeue(out var commands) && commands is not null
                ? ValueTask.FromResult(new UnderstandingResult { Path = "llm", Commands = commands })
                : _keywords.UnderstandAsync(request, cancellationToken);
    }

    private static (Conversation Chat, FakeServices Geo, Scripted Understanding) Start()
    {
        var geo = new FakeServices();
        geo.Answers["/zones/10115"] = """{"zone":"A"}""";
        geo.Answers["/zones/20095"] = """{"zone":"B"}""";
        geo.Answers["/zones/99999"] = null; // -> 500
        var understanding = new Scripted();
        return (new Conversation(TestBots.Compile(Bot), understanding, new Geo404(geo)), geo, understanding);
    }

    /// <summary>The fake answers 404 for postcodes starting with 0, else as <see cref="FakeServices"/>.</summary>
    private sealed class Geo404(FakeServices inner) : IServiceInvoker
    {
        public ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken) =>
            request.Path.StartsWith("/zones/0", StringComparison.Ordinal)
                ? ValueTask.FromResult(ServiceResult.Failed("HTTP 404", 404))
                : inner.InvokeAsync(request, cancellationToken);
    }

    private static async Task<(Conversation Chat, FakeServices Geo, Scripted Understanding)> AtConfirmation()
    {
        var (c, geo, u) = Start();
        await c.Say("order flowers");
        await c.Click("delivery");
        await c.Say("Main Street 1");
        await c.Say("10115");
        await c.Say("2");
        Assert.Equal("confirm_order", c.Ids);
        Assert.Equal("2 to Main Street 1, 10115 (zone A)?", c.Text);
        return (c, geo, u);
    }

    [Fact]
    public async Task Change_the_street_at_the_confirmation_asks_it_again_and_the_steps_after_it_run_again()
    {
        var (c, geo, _) = await AtConfirmation();

        await c.Say("I want to change the street");
        Assert.Equal("ask_street", c.Ids);
        Assert.Null(c.Slot("street"));
        Assert.Contains("change_slot street", c.Last.Trace.CommandsAccepted);

        await c.Say("Elm Road 5");
        Assert.Equal("confirm_order", c.Ids);
        Assert.Equal("2 to Elm Road 5, 10115 (zone A)?", c.Text);
        Assert.Equal(2, geo.Calls.Count); // the address check ran again with the new street
    }

    [Fact]
    public async Task After_what_would_you_like_to_change_naming_the_slot_asks_it_again()
    {
        var (c, _, _) = await AtConfirmation();
        await c.Say("no");
        Assert.Equal("what_to_change", c.Ids);

        await c.Say("the postcode");

        Assert.Equal("ask_postcode", c.Ids);
        Assert.Null(c.Slot("postcode"));
        await c.Say("20095");
        Assert.Equal("2 to Main Street 1, 20095 (zone B)?", c.Text);
    }

    [Fact]
    public async Task Clear_empties_slots_so_their_asks_run_again_and_goto_limit_tries_once_more_then_gives_up()
    {
        var (c, _, _) = Start();
        await c.Say("order flowers");
        await c.Click("delivery");
        await c.Say("Main Street 1");
        await c.Say("01234");
        Assert.Equal("address_unknown,ask_street", c.Ids);
        Assert.Equal("I cannot find 01234. | Which street?", c.Text);
        Assert.Contains("slot_cleared:street", c.Last.Trace.Events);
        Assert.Null(c.Slot("postcode"));

        await c.Say("Side Street 2");
        await c.Say("05678");
        Assert.Equal("address_unknown,cannot_deliver", c.Ids);
        Assert.Contains(c.Last.Trace.Events, e => e.StartsWith("goto_limit:#", StringComparison.Ordinal));
        Assert.Empty(c.Flows);
    }

    [Fact]
    public async Task The_goto_limit_counts_per_run_of_the_flow()
    {
        var (c, _, _) = Start();
        await c.Say("order flowers");
        await c.Click("delivery");
        await c.Say("Main Street 1");
        await c.Say("01234");
        await c.Say("Side Street 2");
        await c.Say("05678");
        Assert.Empty(c.Flows);

        await c.Say("order flowers");
        await c.Click("delivery");
        await c.Say("Main Street 1");
        await c.Say("01234");
        Assert.Equal("address_unknown,ask_street", c.Ids); // a new run gets its retry again
    }

    [Fact]
    public async Task A_correction_at_the_confirmation_reruns_from_on_change_so_branches_and_variants_follow_it()
    {
        var (c, _, _) = await AtConfirmation();
        await c.Say("pickup instead");

        Assert.Equal("builtin.correction,confirm_order", c.Ids);
        Assert.Equal("Got it, I have changed that to pickup. | 2 for pickup?", c.Text);
        Assert.Contains("rerun:route", c.Last.Trace.Events);
        Assert.Equal("confirm", c.State!.Stack[^1].Step);
    }

    [Fact]
    public async Task A_correction_at_the_confirmation_runs_the_http_check_again()
    {
        var (c, geo, u) = await AtConfirmation();
        u.Next.Enqueue([new SetSlotCommand("postcode", "20095")]);
        await c.Say("the postcode is 20095");
        Assert.Equal("2 to Main Street 1, 20095 (zone B)?", c.Text.Split(" | ")[^1]);
        Assert.Equal(["/zones/10115", "/zones/20095"], geo.Calls.Select(r => r.Path));

        u.Next.Enqueue([new SetSlotCommand("postcode", "09999")]);
        await c.Say("no wait, 09999");
        Assert.Equal("builtin.correction,address_unknown,ask_street", c.Ids);
    }

    [Fact]
    public async Task No_with_a_change_prompt_asks_what_to_change_takes_the_change_and_confirms_again()
    {
        var (c, _, _) = await AtConfirmation();
        await c.Say("no");
        Assert.Equal("what_to_change", c.Ids);
        Assert.Empty(c.Last.Replies[0].Buttons);
        Assert.True(c.Last.Replies[0].ExpectsInput);
        Assert.Equal("2", c.Slot("quantity")); // nothing is cleared

        await c.Say("5");
        Assert.Equal("fast", c.Last.Trace.Path);
        Assert.Equal("builtin.correction,confirm_order", c.Ids);
        Assert.Equal("5 to Main Street 1, 10115 (zone A)?", c.Last.Replies[1].Text);
        Assert.Equal(["Yes", "No"], c.Last.Replies[1].Buttons.Select(b => b.Title));

        await c.Say("yes");
        Assert.Equal("done", c.Ids);
    }

    [Fact]
    public async Task At_the_change_prompt_no_means_nothing_to_change_and_an_answer_that_changes_nothing_gets_the_reprompt()
    {
        var (c, _, _) = await AtConfirmation();
        await c.Say("no");
        await c.Say("dunno");
        Assert.Equal("what_to_change_again", c.Ids);
        Assert.Empty(c.Last.Replies[0].Buttons);

        await c.Say("no");
        Assert.Equal("confirm_order", c.Ids);
        Assert.DoesNotContain(c.Last.Trace.Events, e => e.StartsWith("rerun:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_correction_that_breaks_its_rules_is_not_kept_and_re_runs_nothing()
    {
        var (c, geo, u) = await AtConfirmation();
        u.Next.Enqueue([new SetSlotCommand("quantity", "50")]);
        await c.Say("make it fifty");
        Assert.Equal("too_many,confirm_order", c.Ids);
        Assert.Equal("2", c.Slot("quantity"));
        Assert.DoesNotContain(c.Last.Trace.Events, e => e.StartsWith("rerun:", StringComparison.Ordinal));

        await c.Say("no");
        await c.Say("50");
        Assert.Equal("too_many,what_to_change", c.Ids);
        Assert.Equal("2", c.Slot("quantity"));
        Assert.Single(geo.Calls);
    }

    [Fact]
    public async Task The_change_prompt_is_asked_again_after_an_interruption()
    {
        var (c, _, u) = await AtConfirmation();
        await c.Say("no");
        u.Next.Enqueue([new HelpCommand()]);
        await c.Say("what can I say?");
        await c.Say("4");
        Assert.Equal("builtin.correction,confirm_order", c.Ids);
        Assert.Equal("4", c.Slot("quantity"));
    }
}
