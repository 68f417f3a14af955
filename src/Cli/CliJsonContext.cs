using System.Text.Json.Serialization;

namespace Chatbot.Cli;

/// <summary>Source-generated JSON for button values (no reflection).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
