using System.Text.Json.Serialization;

namespace Chatbot.Dialogs.Testing;

/// <summary>Source-generated JSON for the few values the test runner serialises (no reflection).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class TestingJsonContext : JsonSerializerContext;
