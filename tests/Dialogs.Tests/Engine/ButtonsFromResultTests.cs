using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>
/// <c>buttons: { from_result: slot }</c>: the choices an earlier http step returned (a text "09:00, 10:30" or a JSON list)
/// offered as buttons; a value that is not among them is checked by the slot itself; the validator wants the http step first.
/// </summary>
public sealed class ButtonsFromResultTests
{
    private const string Bot = """
        services:
          times:
            base_url: http://times.test
        slot_types:
          visit_time: { kind: time, min: "08:00", max: "17:30" }
        flows:
          book:
            examples: { en: [book a visit] }
            slots:
              free: text
              time: visit_time
            steps:
              - id: fetch
                http: times
                path: /free
                result: { free: $.times }
              - ask: time
                response: ask_time
              - end: booked
        responses:
          ask_time:
            text: { en: "Free: {{ free }}. Which time?" }
            buttons: { from_result: free }
          booked: { text: { en: "Booked for {{ time }}." } }
        """;

    private static async Task<Conversation> Book(string answer)
    {
        var services = new FakeServices();
        services.Answers["/free"] = answer;
        var c = new Conversation(TestBots.Compile(Bot), new KeywordRecognizer(), services);
        await c.Say("book a visit");
        return c;
    }

    [Theory]
    [InlineData("""{ "times": ["09:00", "10:30", "14:00"] }""")]
    [InlineData("""{ "times": "09:00, 10:30; 14:00" }""")]
    public async Task The_result_is_one_button_per_item_and_a_click_answers(string answer)
    {
        var c = await Book(answer);

        Assert.Equal("ask_time", c.Ids);
        Assert.Equal(["09:00", "10:30", "14:00"], c.Last.Replies[0].Buttons.Select(b => $"{b.Title}"));
        Assert.Equal(["09:00", "10:30", "14:00"], c.Last.Replies[0].Buttons.Select(b => b.Value));
        await c.Click("10:30");
        Assert.Equal("Booked for 10:30 AM.", c.Text);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("two")]
    [InlineData("the second one")]
    [InlineData("2 please")]
    public async Task The_place_of_a_button_picks_that_item(string said)
    {
        var c = await Book("""{ "times": ["09:00", "10:30", "14:00"] }""");

        await c.Say(said);
        Assert.Equal("Booked for 10:30 AM.", c.Text);
    }

    [Fact]
    public async Task A_time_typed_out_is_that_time_not_a_place()
    {
        var c = await Book("""{ "times": ["09:00", "10:30", "14:00"] }""");

        await c.Say("14:00");
        Assert.Equal("Booked for 2:00 PM.", c.Text);
    }

    private const string Branches = """
        bot:
          id: test
          name: Test
          languages: [de, en]
        services:
          branches:
            base_url: http://branches.test
        flows:
          visit:
            examples: { de: [Filiale wählen], en: [choose a branch] }
            slots:
              offered: text
              branch: text
              amount: integer
            steps:
              - id: fetch
                http: branches
                path: /list
                result: { offered: $.names }
              - ask: branch
                response: ask_branch
              - ask: amount
                response: ask_amount
              - end: chosen
        responses:
          ask_branch:
            text: { de: "Welche Filiale?", en: "Which branch?" }
            buttons: { from_result: offered }
          ask_amount:
            text: { de: "Wie viele?", en: "How many?" }
            buttons: { from_result: offered }
          chosen: { text: { de: "Filiale {{ branch }}, {{ amount }} Stück.", en: "Branch {{ branch }}, {{ amount }} items." } }
        """;

    /// <summary>A German conversation at the branch question, whose buttons are the items the service answered.</summary>
    private static async Task<Conversation> Visit(string answer)
    {
        var services = new FakeServices();
        services.Answers["/list"] = answer;
        var c = new Conversation(TestBots.CompileFile(Branches), new KeywordRecognizer(), services, locale: "de");
        await c.Say("Filiale wählen");
        return c;
    }

    [Theory]
    [InlineData("die zweite")]
    [InlineData("zweite")]
    [InlineData("2")]
    [InlineData("zwei")]
    public async Task A_German_place_picks_the_item_of_a_text_question(string said)
    {
        var c = await Visit("""{ "names": ["Mitte", "Nord", "Süd"] }""");

        await c.Say(said);
        Assert.Equal("Nord", c.Slot("branch"));
    }

    [Fact]
    public async Task A_number_at_a_question_whose_items_are_numbers_is_that_number()
    {
        var c = await Visit("""{ "names": ["1", "5", "10"] }""");
        await c.Say("Nord");

        await c.Say("2");
        Assert.Equal("Filiale Nord, 2 Stück.", c.Text);
    }

    [Fact]
    public async Task A_list_in_a_text_slot_reads_as_its_items_joined()
    {
        var c = await Book("""{ "times": ["09:00", "10:30"] }""");

        Assert.Equal("Free: 09:00, 10:30. Which time?", c.Text);
    }

    [Fact]
    public async Task A_time_not_offered_is_checked_by_the_slot_itself()
    {
        var c = await Book("""{ "times": ["09:00", "10:30"] }""");

        await c.Say("19:00");
        Assert.Null(c.Slot("time"));
        Assert.Contains("out_of_range", c.Ids, StringComparison.Ordinal);
        await c.Say("12:00");
        Assert.Equal("Booked for 12:00 PM.", c.Text);
    }

    [Fact]
    public async Task An_empty_result_offers_no_buttons()
    {
        var c = await Book("""{ "times": [] }""");

        Assert.Empty(c.Last.Replies[0].Buttons);
    }

    [Fact]
    public void Buttons_from_a_result_no_earlier_http_step_fills_are_an_error_at_the_response_with_the_step_to_move()
    {
        var yaml = TestBots.Edit(Bot, """
              - id: fetch
                http: times
                path: /free
                result: { free: $.times }
              - ask: time
                response: ask_time
        """, """
              - ask: time
                response: ask_time
              - id: fetch
                http: times
                path: /free
                result: { free: $.times }
        """);
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2055");
        Assert.Equal(TestBots.Position(yaml, "ask_time\n"), (d.Span.Line, d.Span.Column));
        Assert.Contains("buttons of response 'ask_time' come from the result 'free', but no http step before it fills 'free'", d.Message, StringComparison.Ordinal);
        Assert.Contains("http step 'fetch' fills it, but after this step", d.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_step_written_later_that_a_goto_runs_first_fills_the_result()
    {
        // Written below the question, run before it: the check follows the flow's jumps, not the written order.
        var yaml = TestBots.Edit(Bot, """
              - id: fetch
                http: times
                path: /free
                result: { free: $.times }
              - ask: time
                response: ask_time
              - end: booked
        """, """
              - goto: fetch
              - id: pick
                ask: time
                response: ask_time
              - end: booked
              - id: fetch
                http: times
                path: /free
                result: { free: $.times }
              - goto: pick
        """);
        var result = TestBots.Load(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "DLG2055" or "DLG3008");
    }

    [Fact]
    public void A_branch_around_the_http_step_is_a_warning_that_names_the_path_without_buttons()
    {
        var yaml = TestBots.Edit(Bot, """
              - id: fetch
                http: times
        """, """
              - id: check
                branch:
                  - if: time is set
                    goto: pick
              - id: fetch
                http: times
        """).Replace("- ask: time\n", "- id: pick\n        ask: time\n", StringComparison.Ordinal);
        var result = TestBots.Load(yaml);
        var d = TestBots.Single(result, "DLG3008");
        Assert.Equal(Diagnostics.DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal(TestBots.Position(yaml, "ask_time\n"), (d.Span.Line, d.Span.Column));
        Assert.Contains("flow 'book' can reach step 'pick' without it", d.Message, StringComparison.Ordinal);
        Assert.Contains("the start -> check -> pick", d.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, x => x.Id == "DLG2055");
    }

    [Fact]
    public void A_sub_flow_every_caller_passes_the_result_to_may_show_it_as_buttons()
    {
        var yaml = TestBots.Edit(Bot, """
              - ask: time
                response: ask_time
              - end: booked
        """, """
              - call: pick_time
                inputs: { free: free }
                outputs: { time: time }
              - end: booked
          pick_time:
            routable: false
            slots:
              free: text
              time: visit_time
            inputs: [free]
            outputs: [time]
            steps:
              - ask: time
                response: ask_time
        """);
        var result = TestBots.Load(yaml);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "DLG2055" or "DLG3008");

        // A caller that does not pass it: the question can come without buttons.
        var partly = TestBots.Edit(yaml, "      - end: booked\n", "      - end: booked\n  other:\n    examples: { en: [pick any time] }\n    steps:\n      - call: pick_time\n");
        var d = TestBots.Single(TestBots.Load(partly), "DLG3008");
        Assert.Contains("flow 'pick_time' can reach the ask step at line", d.Message, StringComparison.Ordinal);
        Assert.Contains("a start without it (by the user, or by a call that does not pass it) -> the ask step", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buttons_from_a_result_in_a_response_said_outside_a_flow_are_an_error()
    {
        var yaml = TestBots.Edit(Bot, "booked: { text: { en: \"Booked for {{ time }}.\" } }", "booked: { text: { en: \"Booked for {{ time }}.\" } }\n  hello: { text: { en: Hi! }, buttons: { from_result: free } }")
            .Replace("services:", "patterns:\n  help: { response: hello }\nservices:", StringComparison.Ordinal);
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2055");
        Assert.Contains("buttons of response 'hello' come from the result 'free', but it is said where no flow's http step has run", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_result_slot_gets_a_suggestion_at_the_misspelt_name()
    {
        var yaml = TestBots.Edit(Bot, "from_result: free }", "from_result: fre }");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2055");
        Assert.Contains("did you mean 'free'?", d.ToString(), StringComparison.Ordinal);
        Assert.Equal(TestBots.Position(yaml, "fre }"), (d.Span.Line, d.Span.Column));
    }
}
