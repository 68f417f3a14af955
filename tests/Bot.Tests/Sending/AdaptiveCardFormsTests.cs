using System.Text.Json;
using Chatbot.Bot.Sending;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Bot.Tests.Sending;

/// <summary>How each slot kind's field reads on the card: the input a user gets, and what it is filled with.</summary>
public sealed class AdaptiveCardFormsTests
{
    private static JsonElement Input(ReplyFormField field) =>
        AdaptiveCardForms.Card(new ReplyForm([field], "Send"), "r").GetProperty("body")[0];

    [Fact]
    public void Text_kinds_get_a_text_box_with_an_email_keyboard_a_checked_pattern_or_hidden_typing()
    {
        Assert.Equal("Email", Input(new ReplyFormField("mail", "email", "E-mail")).GetProperty("style").GetString());
        Assert.Equal("^[A-Z]{2}[0-9]{4}$", Input(new ReplyFormField("code", "regex", "Code") { Pattern = "^[A-Z]{2}[0-9]{4}$" }).GetProperty("regex").GetString());
        var secret = Input(new ReplyFormField("pin", "text", "PIN") { Sensitive = true });
        Assert.Equal(("Input.Text", "Password"), (secret.GetProperty("type").GetString(), secret.GetProperty("style").GetString()));
        Assert.False(secret.TryGetProperty("value", out _));
    }

    [Fact]
    public void Known_values_are_filled_in_numbers_as_numbers_and_a_toggle_submits_true_or_false()
    {
        Assert.Equal(JsonValueKind.Number, Input(new ReplyFormField("quantity", "integer", "How many?") { Value = "3" }).GetProperty("value").ValueKind);
        Assert.Equal("2026-12-24", Input(new ReplyFormField("day", "date", "Day") { Value = "2026-12-24" }).GetProperty("value").GetString());
        var toggle = Input(new ReplyFormField("gift", "boolean", "Gift") { Value = "true" });
        Assert.Equal(("Gift", "true", "false", "true"), (toggle.GetProperty("title").GetString(), toggle.GetProperty("valueOn").GetString(), toggle.GetProperty("valueOff").GetString(), toggle.GetProperty("value").GetString()));
    }

    [Fact]
    public void Date_and_time_pickers_carry_the_bounds_only_where_the_type_has_them()
    {
        var day = Input(new ReplyFormField("day", "date", "Day") { Earliest = "2026-11-28", Latest = "2027-01-26" });
        var time = Input(new ReplyFormField("at", "time", "At") { Earliest = "09:00" });
        var open = Input(new ReplyFormField("day", "date", "Day"));

        Assert.Equal(("Input.Date", "2026-11-28", "2027-01-26"), (day.GetProperty("type").GetString(), day.GetProperty("min").GetString(), day.GetProperty("max").GetString()));
        Assert.Equal(("Input.Time", "09:00", false), (time.GetProperty("type").GetString(), time.GetProperty("min").GetString(), time.TryGetProperty("max", out _)));
        Assert.False(open.TryGetProperty("min", out _) || open.TryGetProperty("max", out _));
    }

    [Fact]
    public void Many_choices_are_a_drop_down_and_the_submit_names_the_form_with_a_key_that_is_never_a_slot()
    {
        var choices = Enumerable.Range(1, 5).Select(i => new ReplyButton($"Item {i}", $"item{i}")).ToList();
        Assert.Equal("compact", Input(new ReplyFormField("item", "enum", "Item") { Choices = choices }).GetProperty("style").GetString());
        var card = AdaptiveCardForms.Card(new ReplyForm([new ReplyFormField("note", "text", "Note")], "Send"), "order_form");
        Assert.Equal("""{"chatbot.form":"order_form"}""", card.GetProperty("actions")[0].GetProperty("data").GetRawText());
    }

    [Fact]
    public void Without_cards_the_text_lists_each_field_with_its_choices_or_range()
    {
        var form = new ReplyForm(
        [
            new ReplyFormField("size", "enum", "Size") { Choices = [new("Small", "s"), new("Large", "l")] },
            new ReplyFormField("quantity", "integer", "How many?") { Min = 1, Max = 10 },
        ], "Send");

        Assert.Equal("Your order:\n- Size: Small, Large\n- How many? (1–10)", AdaptiveCardForms.Text("Your order:", form));
        Assert.True(AdaptiveCardForms.Renders("MsTeams"));
        Assert.False(AdaptiveCardForms.Renders("slack"));
    }
}
