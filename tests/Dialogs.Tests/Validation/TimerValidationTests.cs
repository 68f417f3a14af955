namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>Issue 16 item 5: <c>remind_after</c>/<c>remind</c> on an ask and <c>expire_after</c>/<c>on_expire</c> on a flow, and their mistakes at file:line:col.</summary>
public sealed class TimerValidationTests
{
    private const string Bot = """
        flows:
          order:
            description: Order
            examples: { en: [order] }
            expire_after: 2h
            on_expire: bye
            slots: { item: text }
            steps:
              - ask: item
                response: ask_item
                remind_after: 90s
                remind: nudge
              - end: done
        responses:
          ask_item: { text: { en: "What?" } }
          nudge: { text: { en: "Still there?" } }
          bye: { text: { en: "Closed." } }
          done: { text: { en: "Done." } }
        """;

    [Fact]
    public void The_valid_timers_load()
    {
        var flow = TestBots.Compile(Bot).Definition.Flows["order"];
        var ask = Assert.IsType<Model.AskStep>(flow.Steps[0]);
        Assert.Equal((TimeSpan.FromHours(2), "bye"), (flow.ExpireAfter, flow.OnExpire!.Name));
        Assert.Equal((TimeSpan.FromSeconds(90), "nudge"), (ask.RemindAfter, ask.Remind!.Name));
    }

    [Theory]
    [InlineData("remind_after: 90s", "remind_after: soon", "soon")]
    [InlineData("remind_after: 90s", "remind_after: 10", "10")]
    [InlineData("expire_after: 2h", "expire_after: 8d", "8d")]
    [InlineData("expire_after: 2h", "expire_after: 0m", "0m")]
    public void A_bad_duration_is_reported_at_its_value(string find, string replace, string value)
    {
        var yaml = TestBots.Edit(Bot, find, replace);
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1005");
        var (line, column) = TestBots.Position(yaml, replace);
        Assert.Equal((line, column + replace.Length - value.Length), (d.Line, d.Column));
        Assert.Contains("expected a duration up to 7d like 30s, 10m, 2h or 1d", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("remind: nudge", "remind: nudgee", "nudgee")]
    [InlineData("on_expire: bye", "on_expire: byee", "byee")]
    public void An_unknown_response_is_reported_at_its_name(string find, string replace, string name)
    {
        var yaml = TestBots.Edit(Bot, find, replace);
        var result = TestBots.Load(yaml);
        var d = Assert.Single(result.Diagnostics, x => x.Message.Contains($"'{name}'", StringComparison.Ordinal));
        Assert.StartsWith("DLG2", d.Id, StringComparison.Ordinal);
        Assert.Equal(TestBots.Position(yaml, name), (d.Line, d.Column));
    }

    [Fact]
    public void An_async_http_step_reads_and_its_unknown_wait_response_is_reported()
    {
        const string slow = """
            services:
              quotes: { base_url: { config: "Services:Quotes:BaseUrl" } }
            flows:
              quote:
                description: Quote
                examples: { en: [quote] }
                steps:
                  - http: quotes
                    path: /quote
                    async: true
                    wait: one_moment
                  - end: done
            responses:
              one_moment: { text: { en: "One moment." } }
              done: { text: { en: "Done." } }
            """;
        var http = Assert.IsType<Model.HttpStep>(TestBots.Compile(slow).Definition.Flows["quote"].Steps[0]);
        Assert.Equal((true, "one_moment"), (http.Async, http.Wait!.Name));

        var yaml = TestBots.Edit(slow, "wait: one_moment", "wait: one_momnet");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2001");
        Assert.Equal(TestBots.Position(yaml, "one_momnet"), (d.Line, d.Column));
    }
}
