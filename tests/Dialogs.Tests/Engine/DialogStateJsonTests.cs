using System.Text;
using System.Text.Json;
using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>The stored dialog state's format (issue 19 reads slot values without one JSON document per value).</summary>
public sealed class DialogStateJsonTests
{
    /// <summary>A state as main wrote it before issue 19 item 3 (every field, nested and escaped slot values, a newer field).</summary>
    internal const string Stored =
        """{"version":1,"revision":"r-7","stack":[{"flow":"order","step":"confirm","attempts":1,"awaitingChange":true,"jumps":{"ask_size":2},"slots":{"size":"large","count":3,"gift":false,"note":null,"address":{"street":"1 Main Road","lines":[1,2.50]},"name":"Ann \u00E9 \u0022A\u0022"},"frameLater":[true]},{"flow":"faq","attempts":0,"slots":{}}],"slots":{"language":"de","vip":true,"score":-0.125},"handedOff":false,"turn":12,"pending":"start_over","calling":{"id":"call:11","flow":"order","step":"lookup","until":"2026-12-04T16:00:00+00:00","question":"where?","passages":[3,1],"language":"de"},"timeZone":"Europe/Berlin","conversationType":"groupChat","history":[{"speaker":"user","text":"***"},{"speaker":"bot","text":"Gr\u00FC\u00DFe"}],"addedLater":{"x":[1,2.50]}}""";

    [Fact]
    public void A_stored_state_reads_and_writes_back_byte_for_byte()
    {
        var state = DialogStateJson.Deserialize(Encoding.UTF8.GetBytes(Stored))!;

        Assert.Equal("large", state.Stack[0].Slots["size"].GetString());
        Assert.Equal(3, state.Stack[0].Slots["count"].GetDouble());
        Assert.Equal(JsonValueKind.Null, state.Stack[0].Slots["note"].ValueKind);
        Assert.Equal("1 Main Road", state.Stack[0].Slots["address"].GetProperty("street").GetString());
        Assert.Equal("Ann é \"A\"", state.Stack[0].Slots["name"].GetString());
        Assert.Empty(state.Stack[1].Slots);
        Assert.True(state.Slots["vip"].GetBoolean());
        Assert.Equal(Stored, Encoding.UTF8.GetString(DialogStateJson.SerializeToUtf8Bytes(state)));
        Assert.Equal(Stored, DialogStateJson.Serialize(DialogStateJson.Deserialize(Stored)!));
    }

    [Fact]
    public void A_slot_value_changed_after_reading_is_written_and_the_others_are_kept()
    {
        var state = DialogStateJson.Deserialize(Encoding.UTF8.GetBytes(Stored))!;
        state.Stack[0].Slots["size"] = DialogStateJson.Of("small");
        state.Stack[0].Slots.Remove("gift");
        state.Slots["added"] = DialogStateJson.Of(2);

        var copy = DialogStateJson.Clone(state);
        state.Stack[0].Slots["count"] = DialogStateJson.Of(4);

        var written = DialogStateJson.Serialize(copy);
        Assert.Contains("\"slots\":{\"size\":\"small\",\"count\":3,\"note\":null,", written, StringComparison.Ordinal);
        Assert.Contains("\"slots\":{\"language\":\"de\",\"vip\":true,\"score\":-0.125,\"added\":2}", written, StringComparison.Ordinal);
        Assert.Equal(4, state.Stack[0].Slots["count"].GetDouble());
    }

    // conv14: the buttons the last top-level reply showed are kept for the next turn ("2" = the second one).
    [Fact]
    public void The_buttons_shown_at_the_top_level_round_trip_and_are_left_out_when_there_are_none()
    {
        const string json = """{"version":1,"stack":[],"slots":{},"handedOff":false,"turn":1,"clarified":"a tablet","buttons":["place_order","Ich m\u00F6chte \u0022Hilfe\u0022"],"history":[]}""";

        var state = DialogStateJson.Deserialize(Encoding.UTF8.GetBytes(json))!;

        Assert.Equal(["place_order", "Ich möchte \"Hilfe\""], state.Buttons);
        Assert.Equal(json, DialogStateJson.Serialize(state));
        state.Buttons = null;
        Assert.DoesNotContain("buttons", DialogStateJson.Serialize(state), StringComparison.Ordinal);
        Assert.Null(DialogStateJson.Deserialize(Stored)!.Buttons);
    }

    [Theory]
    [InlineData("""{"version":1,"stack":[],"slots":[1]}""")]
    [InlineData("""{"version":1,"stack":[],"slots":"x"}""")]
    [InlineData("""{"version":1,"stack":[{"flow":"a","slots":{"x":}}]}""")]
    [InlineData("""{"version":1,"history":{}}""")]
    [InlineData("""{"version":1,"history":[1]}""")]
    [InlineData("""{"version":1,"history":[{"speaker":"user","text":2}]}""")]
    [InlineData("""{"version":1,"history":[{"speaker":"user","text":"a"}""")]
    public void Slot_values_or_history_lines_of_the_wrong_shape_make_the_state_unreadable(string json)
    {
        Assert.Null(DialogStateJson.Deserialize(json));
        Assert.Null(DialogStateJson.Deserialize(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void History_lines_read_as_the_serializer_reads_them_unknown_fields_skipped_and_missing_ones_left_out()
    {
        const string json = """{"version":1,"history":[{"text":"hi","speaker":"user","said":{"at":[1,{"x":null}]}},{"speaker":"bot"},{"speaker":"bot","Text":"other case","text":null},{"speaker":"user","speaker":"twice"}]}""";

        var state = DialogStateJson.Deserialize(Encoding.UTF8.GetBytes(json))!;

        Assert.Equal(new Chatbot.Dialogs.Understanding.ConversationLine("user", "hi"), state.History[0]);
        Assert.Null(state.History[1].Text);
        Assert.Null(state.History[2].Text);
        Assert.Equal("twice", state.History[3].Speaker);
        Assert.Contains("""
            "history":[{"speaker":"user","text":"hi"},{"speaker":"bot"},{"speaker":"bot"},{"speaker":"twice"}]
            """, DialogStateJson.Serialize(state), StringComparison.Ordinal);
    }

    // JSON the serializer takes but no engine wrote: each of these failed every turn of its conversation with
    // NullReferenceException or ArgumentNullException (a 500 on every message) before it was refused here.
    [Theory]
    [InlineData("""{"stack":null}""")]
    [InlineData("""{"slots":null}""")]
    [InlineData("""{"history":null}""")]
    [InlineData("""{"stack":[null]}""")]
    [InlineData("""{"stack":[{"flow":null}]}""")]
    [InlineData("""{"stack":[{"flow":"place_order","slots":null}]}""")]
    [InlineData("""{"stack":[{"flow":"place_order","skipped":[null]}]}""")]
    public async Task A_state_with_a_null_where_the_engine_needs_a_value_is_not_a_state_and_the_turn_runs_on_a_new_one(string json)
    {
        Assert.Null(DialogStateJson.Deserialize(json));
        Assert.Null(DialogStateJson.Deserialize(Encoding.UTF8.GetBytes(json)));
        Assert.Null(DialogStateJson.Deserialize(JsonDocument.Parse(json).RootElement));
        var engine = new DialogEngine(new StaticDefinitionsProvider(Sample.Bot()), new Chatbot.Dialogs.Understanding.KeywordRecognizer());

        var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "order a laptop", StateJson = Encoding.UTF8.GetBytes(json), Now = Conversation.Now }, CancellationToken.None);

        Assert.Equal(StoredStateFault.Unreadable, outcome.StoredState);
        Assert.Equal("ask_quantity", Assert.Single(outcome.Replies).ResponseId);
    }

    [Fact]
    public async Task A_state_of_a_newer_shape_version_runs_no_turn_and_is_handed_back_unchanged()
    {
        var engine = new DialogEngine(new StaticDefinitionsProvider(Sample.Bot()), new Chatbot.Dialogs.Understanding.KeywordRecognizer());
        var json = Encoding.UTF8.GetBytes("""{"version":2,"stack":[{"flow":"place_order","step":"ask_quantity","slots":{}}]}""");

        var outcome = await engine.RunTurnAsync(new TurnInput { Kind = TurnKind.Message, Text = "4", StateJson = json, Now = Conversation.Now }, CancellationToken.None);

        Assert.Equal(StoredStateFault.Newer, outcome.StoredState);
        Assert.Empty(outcome.Replies);
        Assert.False(outcome.StateChanged);
        Assert.Equal(json, outcome.StateJson!.Value.ToArray());
    }
}
