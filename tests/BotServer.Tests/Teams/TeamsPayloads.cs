using System.Text.Json.Nodes;

namespace Chatbot.BotServer.Tests.Teams;

/// <summary>
/// Teams-shaped activities (written from the public Teams bot docs: ids, tenant, conversationType, clientInfo,
/// channelData) addressed to a local Connector, built as JSON so every field the channel sends is on the wire.
/// </summary>
internal static class TeamsPayloads
{
    public const string BotId = "28:4b5d7e2a-9c1f-4a3b-8d6e-0f1a2b3c4d5e";
    public const string UserId = "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM06X1";
    public const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public const string PersonalConversation = "a:1xVFkyN5Q3eY0pGSq8k2cTbGmS7n9JZ3Y6m7Kc5y0m8Rb1hI2FXgq2JtWLgHh8y0-9uEoWJnY6FbPkPsDwzN3xbBq2Krk4G";
    public const string ChannelConversation = "19:8a1b2c3d4e5f47a8b9c0d1e2f3a4b5c6@thread.tacv2;messageid=1722101465923";
    public const string GroupConversation = "19:meeting_Zjg3NzU1OGQtYTY1Zi00OTUyLWI2MjAtNGM3NjQ3@thread.v2";

    private static long _nextId = 1722101465000;

    /// <summary>An activity of <paramref name="type"/> from Megan in a personal chat (or the given conversation) with the bot.</summary>
    public static JsonObject Activity(string type, string serviceUrl, string conversationType = "personal", string? conversationId = null)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var conversation = new JsonObject
        {
            ["conversationType"] = conversationType,
            ["tenantId"] = TenantId,
            ["id"] = conversationId ?? conversationType switch
            {
                "channel" => ChannelConversation,
                "groupChat" => GroupConversation,
                _ => PersonalConversation,
            },
        };
        if (conversationType != "personal") conversation["isGroup"] = true;
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } };
        if (conversationType == "channel")
        {
            channelData["teamsChannelId"] = "19:8a1b2c3d4e5f47a8b9c0d1e2f3a4b5c6@thread.tacv2";
            channelData["teamsTeamId"] = "19:8a1b2c3d4e5f47a8b9c0d1e2f3a4b5c6@thread.tacv2";
            channelData["channel"] = new JsonObject { ["id"] = "19:8a1b2c3d4e5f47a8b9c0d1e2f3a4b5c6@thread.tacv2" };
            channelData["team"] = new JsonObject { ["id"] = "19:8a1b2c3d4e5f47a8b9c0d1e2f3a4b5c6@thread.tacv2" };
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = "2024-07-27T17:31:05.9513211Z",
            ["localTimestamp"] = "2024-07-27T10:31:05.9513211-07:00",
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Megan Bowen", ["aadObjectId"] = "f2c3a1b0-7d6e-4f5a-9b8c-1d2e3f4a5b6c" },
            ["conversation"] = conversation,
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Leave Bot" },
            ["entities"] = new JsonArray(new JsonObject { ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web", ["timezone"] = "America/Los_Angeles", ["type"] = "clientInfo" }),
            ["channelData"] = channelData,
            ["locale"] = "en-US",
            ["localTimezone"] = "America/Los_Angeles",
        };
    }

    /// <summary>A message with text (may be empty or null: left out).</summary>
    public static JsonObject Message(string serviceUrl, string? text, string conversationType = "personal")
    {
        var message = Activity("message", serviceUrl, conversationType);
        if (text is not null)
        {
            message["text"] = text;
            message["textFormat"] = "plain";
        }

        return message;
    }

    /// <summary>An invoke with a name and value, replying to an earlier bot message (as card actions do).</summary>
    public static JsonObject Invoke(string serviceUrl, string name, JsonNode? value)
    {
        var invoke = Activity("invoke", serviceUrl);
        invoke["name"] = name;
        invoke["value"] = value;
        invoke["replyToId"] = "1722102600123";
        return invoke;
    }

    /// <summary>A file the user shared in a personal chat (Teams' file download info attachment).</summary>
    public static JsonObject FileDownloadInfo(string name = "leave-request.pdf") => new()
    {
        ["contentType"] = "application/vnd.microsoft.teams.file.download.info",
        ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/megan/Documents/Microsoft Teams Chat Files/" + name,
        ["name"] = name,
        ["content"] = new JsonObject
        {
            ["downloadUrl"] = "https://contoso-my.sharepoint.com/personal/megan/_layouts/15/download.aspx?UniqueId=1a2b3c4d&Translate=false&tempauth=eyJ0eXAi",
            ["uniqueId"] = "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809",
            ["fileType"] = Path.GetExtension(name).TrimStart('.'),
        },
    };

    /// <summary>An inline image pasted into the compose box (Teams sends it as an image attachment on its own host).</summary>
    public static JsonObject InlineImage() => new()
    {
        ["contentType"] = "image/*",
        ["contentUrl"] = "https://smba.trafficmanager.net/amer/v3/attachments/0-eus-d4-1a2b3c4d5e6f/views/original",
    };
}
