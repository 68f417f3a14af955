using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatbot.Dialogs.Engine;

/// <summary>Everything the engine remembers between turns. Small, versioned, JSON-serialisable, no secrets.</summary>
public sealed class DialogState
{
    /// <summary>Version of this document's shape; bump it when the shape changes and migrate on load.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Revision of the dialog definitions the state was made with (in-flight safety on reload).</summary>
    public string? Revision { get; set; }

    /// <summary>Active flows, innermost last.</summary>
    public List<FlowFrame> Stack { get; set; } = [];

    /// <summary>Bot-wide (conversation scope) slot values.</summary>
    public Dictionary<string, JsonElement> Slots { get; set; } = [];

    /// <summary>Set once the conversation has been handed to a human.</summary>
    public bool HandedOff { get; set; }

    /// <summary>Room for engine data not modelled here yet; survives a round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One active flow: where it is and what it has collected.</summary>
public sealed class FlowFrame
{
    public required string Flow { get; set; }
    public string? Step { get; set; }
    public int Attempts { get; set; }
    public Dictionary<string, JsonElement> Slots { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
