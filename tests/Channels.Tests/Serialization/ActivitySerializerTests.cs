using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Channels.Tests.Payloads;

namespace Chatbot.Channels.Tests.Serialization;

public sealed class ActivitySerializerTests
{
    public static TheoryData<string> Payloads => new(Payload.All);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Every_field_of_a_real_payload_survives_a_round_trip(string name)
    {
        var original = JsonNode.Parse(Payload.Bytes(name))!;

        var written = ActivitySerializer.Serialize(Payload.Read(name));

        var roundTripped = JsonNode.Parse(written)!;
        NormalizeTimestamps(original);
        NormalizeTimestamps(roundTripped);
        Assert.True(
            JsonNode.DeepEquals(original, roundTripped),
            $"Round trip changed {name}:\n{original.ToJsonString()}\n---\n{roundTripped.ToJsonString()}");
    }

    [Fact]
    public void Unknown_fields_are_kept_on_activity_accounts_conversation_attachment_and_entity()
    {
        var activity = Payload.Read("unknown-fields");

        Assert.Equal(JsonValueKind.Object, activity.Properties!["futureActivityField"].ValueKind);
        Assert.Equal("start", activity.Properties["semanticAction"].GetProperty("state").GetString());
        Assert.Equal(5, activity.From!.Properties!["futureAccountField"].GetProperty("nested").GetArrayLength());
        Assert.Equal("kept", activity.Conversation!.Properties!["futureConversationField"].GetString());
        Assert.Equal(42, activity.Attachments![0].Properties!["futureAttachmentField"].GetInt32());
        Assert.Equal("Message", activity.Entities![0].Properties!["@type"].GetString());
    }

    [Fact]
    public void Emulator_conversation_update_reads_members_and_routing_fields()
    {
        var activity = Payload.Read("emulator-conversationUpdate");

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal("emulator", activity.ChannelId);
        Assert.Equal("2f3c6a80-4b47-11ef-b1e4-33c2d1a6f0b9|livechat", activity.Conversation!.Id);
        Assert.Equal("http://localhost:52674", activity.ServiceUrl);
        Assert.Equal(2, activity.MembersAdded!.Count);
        Assert.Equal(new DateTimeOffset(2024, 7, 27, 17, 15, 2, 341, TimeSpan.Zero), activity.Timestamp);
        Assert.Equal(TimeSpan.FromHours(-7), activity.LocalTimestamp!.Value.Offset);
    }

    [Fact]
    public void Web_chat_message_keeps_the_client_activity_id_in_channel_data()
    {
        var activity = Payload.Read("webchat-message");

        Assert.Equal("Ich möchte mein Passwort zurücksetzen", activity.Text);
        Assert.Equal("1722100841583jw1c8tqn1sp", activity.ChannelData!.Value.GetProperty("clientActivityID").GetString());
        var written = JsonNode.Parse(ActivitySerializer.Serialize(activity))!;
        Assert.Equal("1722100841583jw1c8tqn1sp", written["channelData"]!["clientActivityID"]!.GetValue<string>());
    }

    [Fact]
    public void Teams_invoke_exposes_name_and_value()
    {
        var activity = Payload.Read("teams-invoke-adaptiveCard-action");

        Assert.Equal(ActivityTypes.Invoke, activity.Type);
        Assert.Equal("adaptiveCard/action", activity.Name);
        Assert.Equal("approveLeave", activity.Value!.Value.GetProperty("action").GetProperty("verb").GetString());
    }

    [Fact]
    public void Message_reaction_reads_the_reaction_type()
    {
        var activity = Payload.Read("teams-messageReaction");

        Assert.Equal("like", Assert.Single(activity.ReactionsAdded!).Type);
        Assert.Equal("1722102911546", activity.ReplyToId);
    }

    [Theory]
    [InlineData("2024-07-27T17:15:12Z", "2024-07-27T17:15:12.0000000+00:00")]
    [InlineData("2024-07-27T17:15:12.341Z", "2024-07-27T17:15:12.3410000+00:00")]
    [InlineData("2024-07-27T17:15:12.1234567Z", "2024-07-27T17:15:12.1234567+00:00")]
    [InlineData("2024-07-27T17:15:12.1234567+00:00", "2024-07-27T17:15:12.1234567+00:00")]
    [InlineData("2024-07-27T10:15:12.1234567-07:00", "2024-07-27T10:15:12.1234567-07:00")]
    [InlineData("2024-07-27T19:15:12+02:00", "2024-07-27T19:15:12.0000000+02:00")]
    [InlineData("2024-07-27T05:15:12.5+05:30", "2024-07-27T05:15:12.5000000+05:30")]
    [InlineData("2024-07-27T17:15:12.123456789Z", "2024-07-27T17:15:12.1234567+00:00")]
    [InlineData("2024-07-27T17:15:12", "2024-07-27T17:15:12.0000000+00:00")]
    [InlineData("2024-07-27T17:15:12.123", "2024-07-27T17:15:12.1230000+00:00")]
    [InlineData("2024-07-27t17:15:12.5z", "2024-07-27T17:15:12.5000000+00:00")]
    [InlineData("2024-07-27T10:15:12-0700", "2024-07-27T10:15:12.0000000-07:00")]
    [InlineData(" 2024-07-27T17:15:12Z ", "2024-07-27T17:15:12.0000000+00:00")]
    public void Timestamps_in_every_channel_form_parse_and_are_written_as_iso_8601(string sent, string written)
    {
        var activity = Parse($$"""{"type":"message","timestamp":"{{sent}}","localTimestamp":"{{sent}}"}""");

        var json = JsonNode.Parse(ActivitySerializer.Serialize(activity))!;
        Assert.Equal(written, json["timestamp"]!.GetValue<string>());
        Assert.Equal(written, json["localTimestamp"]!.GetValue<string>());
    }

    [Fact]
    public void An_empty_timestamp_reads_as_absent()
    {
        var activity = Parse("""{"type":"message","timestamp":""}""");

        Assert.Null(activity.Timestamp);
    }

    [Theory]
    [InlineData("", "The body is empty; expected a JSON activity.")]
    [InlineData("null", "The body must be a JSON object (an activity), not null.")]
    [InlineData("{\"type\":\"message\"", "The body is not valid JSON at line 1, byte 18.")]
    [InlineData("{\"type\":\"message\",}", "The body is not valid JSON at line 1, byte 19.")]
    [InlineData("[1,2]", "The body must be a JSON object (an activity).")]
    [InlineData("\"message\"", "The body must be a JSON object (an activity).")]
    [InlineData("42", "The body must be a JSON object (an activity).")]
    [InlineData("{\"type\":42}", "A value is invalid or has the wrong JSON type ($.type) at line 1, byte 11.")]
    [InlineData("{\"type\":\"message\",\"from\":\"me\"}", "A value is invalid or has the wrong JSON type ($.from) at line 1, byte 30.")]
    [InlineData("{\"type\":\"message\",\"membersAdded\":{}}", "A value is invalid or has the wrong JSON type ($.membersAdded) at line 1, byte 35.")]
    [InlineData("{\"type\":\"message\",\"conversation\":{\"isGroup\":\"yes\"}}", "A value is invalid or has the wrong JSON type ($.conversation.isGroup) at line 1, byte 50.")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}", "A timestamp must be an ISO 8601 date and time ($.timestamp).")]
    [InlineData("{\"type\":\"message\",\"timestamp\":12}", "A timestamp must be an ISO 8601 string ($.timestamp).")]
    [InlineData("{\"text\":\"\\uD800\"}", "The body has a \\u escape of an unpaired UTF-16 surrogate at byte 10.")]
    [InlineData("{\"type\":\"message\",\"value\":{\"a\":\"x\\uDC00\"}}", "The body has a \\u escape of an unpaired UTF-16 surrogate at byte 34.")]
    [InlineData("{\"type\":\"message\",\"channelData\":{\"\\udbff\":1}}", "The body has a \\u escape of an unpaired UTF-16 surrogate at byte 35.")]
    [InlineData("{\"type\":\"message\",\"x\":\"\\uD83D\\u0041\"}", "The body has a \\u escape of an unpaired UTF-16 surrogate at byte 24.")]
    [InlineData("{\"type\":\"message\",\"x\":\"\\uD83D\"}", "The body has a \\u escape of an unpaired UTF-16 surrogate at byte 24.")]
    public void Malformed_bodies_return_a_short_error_instead_of_throwing(string body, string expected)
    {
        var ok = ActivitySerializer.TryDeserialize(Encoding.UTF8.GetBytes(body), out var activity, out var error);

        Assert.False(ok);
        Assert.Null(activity);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_even_inside_unknown_fields()
    {
        byte[] body = [.. "{\"type\":\"message\",\"x\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.False(ActivitySerializer.TryDeserialize(body, out _, out var error));
        Assert.Equal("The body is not valid UTF-8.", error);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":\"\\uD83D\\uDE00\"}", "\U0001F600")]
    [InlineData("{\"type\":\"message\",\"text\":\"\\\\uD800\"}", "\\uD800")]
    [InlineData("{\"type\":\"message\",\"text\":\"a\\\"\\u0041\\\\\"}", "a\"A\\")]
    public void Surrogate_pairs_and_escaped_backslashes_are_not_taken_for_lone_surrogates(string body, string text)
    {
        Assert.True(ActivitySerializer.TryDeserialize(Encoding.UTF8.GetBytes(body), out var activity, out var error), error);
        Assert.Equal(text, activity!.Text);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_rejected()
    {
        var deep = "{\"type\":\"message\",\"channelData\":" + new string('[', 70) + new string(']', 70) + "}";

        Assert.False(ActivitySerializer.TryDeserialize(Encoding.UTF8.GetBytes(deep), out _, out var error));
        Assert.StartsWith("The JSON is nested deeper than 64 levels", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_within_the_limit_is_accepted()
    {
        var deep = "{\"type\":\"message\",\"channelData\":" + new string('[', 60) + new string(']', 60) + "}";

        Assert.True(ActivitySerializer.TryDeserialize(Encoding.UTF8.GetBytes(deep), out _, out var error), error);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Corrupted_payloads_never_throw(string name)
    {
        var original = Payload.Bytes(name);
        var random = new Random(name.Length * 7919); // fixed seed: the same corruptions every run
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])original.Clone();
            switch (i % 4)
            {
                case 0:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 1:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 2:
                    var structural = "{}[]\":,0n-"u8;
                    bytes[random.Next(bytes.Length)] = structural[random.Next(structural.Length)];
                    break;
                default:
                    var at = random.Next(bytes.Length);
                    bytes = [.. bytes[..at], .. "\\u0000\"\\"u8, .. bytes[at..]];
                    break;
            }

            var ok = ActivitySerializer.TryDeserialize(bytes, out var activity, out var error);

            Assert.Equal(ok, activity is not null);
            Assert.Equal(ok, error.Length == 0);
        }
    }

    [Fact]
    public void Duplicate_fields_do_not_throw_and_the_last_one_wins()
    {
        var activity = Parse("""{"type":"message","text":"a","text":"b","x":1,"x":2}""");

        Assert.Equal("b", activity.Text);
        Assert.Equal(2, activity.Properties!["x"].GetInt32());
    }

    [Fact]
    public void The_shared_options_serialize_protocol_types_without_reflection()
    {
        using var body = JsonDocument.Parse("""{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Done"}""");
        var invoke = new InvokeResponse { Status = 200, Body = body.RootElement };

        var json = JsonSerializer.Serialize(invoke, ActivitySerializer.Options);
        var activity = JsonSerializer.Deserialize<Activity>("""{"type":"message","text":"hi"}""", ActivitySerializer.Options);

        Assert.Equal("""{"status":200,"body":{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Done"}}""", json);
        Assert.Equal("hi", activity!.Text);
        Assert.Equal(
            """{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"Done"}""",
            JsonSerializer.Serialize(body.RootElement, ActivitySerializer.Options.GetTypeInfo(typeof(JsonElement))));
    }

    [Fact]
    public void The_shared_options_never_fall_back_to_reflection()
    {
        // A type missing from the source-generated context must fail loudly, not be serialized by reflection.
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Serialize(new Uri("https://example.org"), ActivitySerializer.Options));
    }

    [Fact]
    public void Writing_omits_nulls_and_uses_camel_case()
    {
        var json = ActivitySerializer.Serialize(new Activity { Type = "message", ReplyToId = "1", Conversation = new() { Id = "c" } });

        Assert.Equal("""{"type":"message","conversation":{"id":"c"},"replyToId":"1"}""", json);
    }

    private static Activity Parse(string json)
    {
        Assert.True(ActivitySerializer.TryDeserialize(Encoding.UTF8.GetBytes(json), out var activity, out var error), error);
        return activity!;
    }

    // The model reads timestamps as instants with offsets; compare them that way, not as text ("Z" == "+00:00").
    private static void NormalizeTimestamps(JsonNode node)
    {
        foreach (var key in new[] { "timestamp", "localTimestamp", "expiration" })
        {
            if (node[key] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                var parsed = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                node[key] = $"{parsed.UtcDateTime.Ticks}/{parsed.Offset}";
            }
        }
    }
}
