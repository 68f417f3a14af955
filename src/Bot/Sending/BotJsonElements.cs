using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Chatbot.Bot.Sending;

/// <summary>Source-generated metadata for the few primitive values the bot turns into JSON elements.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class BotJsonElements : JsonSerializerContext;
