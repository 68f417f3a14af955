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
    public void Buttons_from_a_result_in_a_response_said_outside_a_flow_are_an_error()
    {
        var yaml = TestBots.Edit(Bot, "booked: { text: { en: \"Booked for {{ time }}.\" } }", "booked: { text: { en: \"Booked for {{ time }}.\" } }\n  hello: { text: { en: Hi! }, buttons: { from_result: free } }")
            .Replace("services:", "patterns:\n  help: { response: hello }\nservices:", StringComparison.Ordinal);
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2055");
        Assert.Contains("buttons of response 'hello' come from the result 'free', but it is said where no flow's http step has run", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_result_slot_gets_a_suggestion()
    {
        var d = TestBots.Single(TestBots.Load(TestBots.Edit(Bot, "from_result: free }", "from_result: fre }")), "DLG2055");
        Assert.Contains("did you mean 'free'?", d.ToString(), StringComparison.Ordinal);
    }
}
