using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests.Teams;

/// <summary>
/// Issue 14 item 1 through /api/messages of the real BotServer: a response's form reaches Teams as an Adaptive Card 1.5
/// whose inputs are the slots, its Action.Submit (a message with a value object) fills them, and channels without
/// cards get the fields as text.
/// </summary>
public sealed class TeamsFormTests : ChannelServerTest
{
    // A bot of its own: the sample's conversations (and the tests that pin them) stay as they are.
    private const string Bot = """
        bot:
          id: shop
          name: Shop
          languages: [en]
        slot_types:
          product:
            kind: enum
            values:
              laptop: { label: { en: Laptop }, synonyms: { en: [laptop] } }
              phone: { label: { en: Phone }, synonyms: { en: [phone] } }
          count: { kind: integer, min: 1, max: 10 }
          day: { kind: date, min: "2026-01-01", max: "2030-12-31" }
          hours: { kind: time, min: "09:00", max: "18:00" }
        flows:
          order:
            description: Order something
            examples: { en: [order something] }
            slots: { product: product, quantity: count, delivery_date: day, gift: boolean, delivery_time: hours, note: text }
            steps:
              - ask: product
                response: order_form
              - ask: quantity
                response: ask_quantity
              - end: ordered
        responses:
          order_form:
            text: { en: Tell me about your order }
            form:
              fields:
                - product
                - slot: quantity
                  label: { en: How many? }
                - slot: delivery_date
                  label: { en: Delivery date }
                - delivery_time
                - gift
                - note
              submit: { en: Order }
          ask_quantity: { text: { en: How many? } }
          ordered: { text: { en: "{{ quantity }} x {{ product }}, gift: {{ gift }}" } }
        """;

    private readonly DirectoryInfo _dialogs = Directory.CreateTempSubdirectory("chatbot-forms-");

    protected override string ChannelPath => "amer";

    protected override BotServerHost CreateHost() => new BotServerHost().WithSetting("Dialogs:Path", _dialogs.FullName);

    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dialogs.FullName, "shop.yaml"), Bot);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dialogs.Delete(recursive: true);
    }

    private async Task<IReadOnlyList<Activity>> PostAsync(JsonObject activity)
    {
        var before = Channel.Messages.Count;
        using var response = await Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. Channel.Messages.Skip(before)];
    }

    [Fact]
    public async Task Teams_gets_the_form_as_an_Adaptive_Card_whose_inputs_are_the_slots()
    {
        var reply = Assert.Single(await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "order something")));

        Assert.Equal("Tell me about your order", reply.Text);
        var attachment = Assert.Single(reply.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = attachment.Content!.Value;
        AssertAdaptiveCard15(card);
        var inputs = card.GetProperty("body").EnumerateArray().Select(e => $"{e.GetProperty("type").GetString()}:{e.GetProperty("id").GetString()}:{e.GetProperty("label").GetString()}");
        Assert.Equal(
            ["Input.ChoiceSet:product:Product", "Input.Number:quantity:How many?", "Input.Date:delivery_date:Delivery date", "Input.Time:delivery_time:Delivery time", "Input.Toggle:gift:Gift", "Input.Text:note:Note"],
            inputs);
        var body = card.GetProperty("body");
        Assert.Equal("""[{"title":"Laptop","value":"laptop"},{"title":"Phone","value":"phone"}]""", body[0].GetProperty("choices").GetRawText());
        Assert.Equal((1, 10), (body[1].GetProperty("min").GetInt32(), body[1].GetProperty("max").GetInt32()));
        // The date and time pickers carry the slot types' min/max.
        Assert.Equal(("2026-01-01", "2030-12-31"), (body[2].GetProperty("min").GetString(), body[2].GetProperty("max").GetString()));
        Assert.Equal(("09:00", "18:00"), (body[3].GetProperty("min").GetString(), body[3].GetProperty("max").GetString()));
        var submit = Assert.Single(card.GetProperty("actions").EnumerateArray());
        Assert.Equal(("Action.Submit", "Order"), (submit.GetProperty("type").GetString(), submit.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task The_cards_Action_Submit_fills_the_slots_and_the_flow_continues()
    {
        await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "order something"));
        // What Teams posts for Action.Submit: a message without text, the inputs merged into the action's data as value.
        var submit = TeamsPayloads.Message(Channel.ServiceUrl, null);
        submit["value"] = JsonNode.Parse("""{"chatbot.form":"order_form","product":"phone","quantity":"3","delivery_date":"2026-12-24","delivery_time":"","gift":"true","note":""}""");
        submit["replyToId"] = "1722102600123";
        submit["channelData"]!["source"] = new JsonObject { ["name"] = "message" };

        var reply = Assert.Single(await PostAsync(submit));

        Assert.Equal("3 x Phone, gift: Yes", reply.Text);
        Assert.Null(reply.Attachments);
    }

    [Fact]
    public async Task A_channel_without_Adaptive_Cards_gets_the_fields_as_text()
    {
        var message = TeamsPayloads.Message(Channel.ServiceUrl, "order something");
        message["channelId"] = "telegram";

        var reply = Assert.Single(await PostAsync(message));

        Assert.Equal("Tell me about your order\n- Product: Laptop, Phone\n- How many? (1–10)\n- Delivery date\n- Delivery time\n- Gift\n- Note", reply.Text);
        Assert.True(reply.Attachments is null or { Count: 0 });
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, int Messages)> InvokeAsync(JsonObject invoke)
    {
        var before = Channel.Messages.Count;
        using var response = await Client.PostAsync("/api/messages", new StringContent(invoke.ToJsonString(), Encoding.UTF8, "application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body, Channel.Messages.Count - before);
    }

    [Fact]
    public async Task An_Action_Execute_of_the_form_fills_the_slots_and_answers_the_Universal_Actions_response_with_the_refreshed_card()
    {
        await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "order something"));
        var execute = TeamsPayloads.Invoke(Channel.ServiceUrl, "adaptiveCard/action", JsonNode.Parse("""
            {"action":{"type":"Action.Execute","verb":"chatbot.submit","data":{"chatbot.form":"order_form","product":"laptop","quantity":"2","gift":"false"}},"trigger":"manual"}
            """));

        var (status, body, messages) = await InvokeAsync(execute);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((200, "application/vnd.microsoft.card.adaptive"), (body.GetProperty("statusCode").GetInt32(), body.GetProperty("type").GetString()));
        var card = body.GetProperty("value");
        AssertAdaptiveCard15(card);
        Assert.Equal("2 x Laptop, gift: No", Shown(Assert.Single(card.GetProperty("body").EnumerateArray())));
        Assert.Equal(0, messages); // the replies are in the card that replaces the clicked one, not sent twice
    }

    [Fact]
    public async Task An_Action_Execute_with_a_bad_field_refreshes_the_card_with_the_reprompt_for_that_field()
    {
        await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "order something"));
        var execute = TeamsPayloads.Invoke(Channel.ServiceUrl, "adaptiveCard/action", JsonNode.Parse("""
            {"action":{"type":"Action.Execute","verb":"chatbot.submit","data":{"chatbot.form":"order_form","product":"phone","quantity":"lots"}}}
            """));

        var (status, body, _) = await InvokeAsync(execute);

        Assert.Equal(HttpStatusCode.OK, status);
        var texts = body.GetProperty("value").GetProperty("body").EnumerateArray().Select(Shown).ToList();
        Assert.Contains("How many?", texts);

        // The conversation goes on from there: a typed answer finishes the order with the product from the card.
        var reply = Assert.Single(await PostAsync(TeamsPayloads.Message(Channel.ServiceUrl, "4")));
        Assert.StartsWith("4 x Phone", reply.Text, StringComparison.Ordinal);
    }

    /// <summary>The text a card element shows: a TextBlock's, or a RichTextBlock's runs (plain text); null for inputs.</summary>
    internal static string? Shown(JsonElement element) => element.GetProperty("type").GetString() switch
    {
        "TextBlock" => element.GetProperty("text").GetString(),
        "RichTextBlock" => string.Concat(element.GetProperty("inlines").EnumerateArray().Select(r => r.GetProperty("text").GetString())),
        _ => null,
    };

    /// <summary>
    /// The properties the Adaptive Card 1.5 schema requires of what we emit (no schema file is published in a package
    /// this environment has): the card's type and version, every input's id, a ChoiceSet's choices with title and
    /// value, a Toggle's title, an action's type.
    /// </summary>
    internal static void AssertAdaptiveCard15(JsonElement card)
    {
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var known = new[] { "TextBlock", "RichTextBlock", "Input.Text", "Input.Number", "Input.Date", "Input.Time", "Input.Toggle", "Input.ChoiceSet" };
        foreach (var element in card.GetProperty("body").EnumerateArray())
        {
            var type = element.GetProperty("type").GetString()!;
            Assert.Contains(type, known);
            if (!type.StartsWith("Input.", StringComparison.Ordinal)) continue;
            Assert.False(string.IsNullOrEmpty(element.GetProperty("id").GetString()));
            if (type == "Input.Toggle") Assert.False(string.IsNullOrEmpty(element.GetProperty("title").GetString()));
            // Input.Date's min/max/value are "YYYY-MM-DD" strings, Input.Time's "HH:MM".
            var format = type switch { "Input.Date" => @"^\d{4}-\d{2}-\d{2}$", "Input.Time" => @"^\d{2}:\d{2}$", _ => null };
            foreach (var key in (string[])["min", "max", "value"])
            {
                if (format is null || !element.TryGetProperty(key, out var bound)) continue;
                Assert.Matches(format, bound.GetString());
            }
            if (type == "Input.ChoiceSet")
            {
                Assert.All(element.GetProperty("choices").EnumerateArray(), c => Assert.True(c.GetProperty("title").ValueKind == JsonValueKind.String && c.GetProperty("value").ValueKind == JsonValueKind.String));
            }
        }
        Assert.All(card.GetProperty("actions").EnumerateArray(), a => Assert.StartsWith("Action.", a.GetProperty("type").GetString(), StringComparison.Ordinal));
    }
}
