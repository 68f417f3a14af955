using System.Text.Json;
using Chatbot.Bot.Configuration;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.Sending;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Auth;
using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.Bot.Middleware.Emulator;

/// <summary>
/// After a dialog turn on the <c>emulator</c> channel has been committed and its replies delivered, sends two
/// <c>trace</c> activities for the Emulator's inspector: what the dialogs did (flow and step, understanding path,
/// commands accepted and rejected, events) and the dialog state with sensitive slots masked. Never on other
/// channels; off unless <c>Emulator:Trace</c> (default: on in local mode). Best effort: a failed trace is logged only.
/// </summary>
internal sealed class EmulatorTraceTurnHandler(
    ITurnHandler inner,
    ReplySender sender,
    IServiceProvider services,
    IOptions<EmulatorOptions> options,
    IOptions<BotAuthenticationOptions> authentication) : DelegatingTurnHandler(inner)
{
    /// <summary>The value type the Emulator shows as bot state (the Bot Framework SDKs' <c>BotState</c> trace).</summary>
    public const string BotStateValueType = "https://www.botframework.com/schemas/botState";

    /// <summary>The value type of this bot's turn trace.</summary>
    public const string TurnTraceValueType = "https://www.botframework.com/schemas/chatbot/turnTrace";

    private readonly bool _enabled = options.Value.Trace ?? string.IsNullOrWhiteSpace(authentication.Value.MicrosoftAppId);

    // Traces off or another channel: the inner handler's task itself, no state machine of this stage (issue 19).
    public override Task<TurnResult> HandleAsync(TurnContext turn, CancellationToken cancellationToken) =>
        _enabled && string.Equals(turn.Activity.ChannelId, Chatbot.Channels.Activities.Channels.Emulator, StringComparison.OrdinalIgnoreCase)
            ? TraceAsync(turn, cancellationToken)
            : Inner.HandleAsync(turn, cancellationToken);

    private async Task<TurnResult> TraceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var result = await Inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        if (turn.Trace is not { } trace || turn.IsRedelivery || result.HttpStatus >= 300)
        {
            return result;
        }

        await sender.SendOnceAsync(turn.Activity.CreateTrace("TurnTrace", "Turn", TurnTraceValueType, Describe(trace)), cancellationToken).ConfigureAwait(false);
        if (turn.State is { } state)
        {
            await sender.SendOnceAsync(turn.Activity.CreateTrace("BotState", "Bot State", BotStateValueType, StateValue(state)), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>The Emulator's bot state shape (<c>conversationState</c>, <c>userState</c>), the dialog state masked.</summary>
    private JsonElement StateValue(DialogState state)
    {
        var dialog = DialogStateJson.Inspect(state, Definitions());
        return Write(writer =>
        {
            writer.WritePropertyName("conversationState");
            dialog.WriteTo(writer);
            writer.WriteStartObject("userState");
            writer.WriteEndObject();
        });
    }

    // Without the definitions (none registered, or they failed to load) nothing says which slots are sensitive: all are masked.
    private Dialogs.Runtime.CompiledBot? Definitions() => HostNoticeTexts.CurrentDialogs(services);

    private static JsonElement Describe(TurnTrace trace) => Write(writer =>
    {
        writer.WriteString("flow", trace.FlowId);
        writer.WriteString("step", trace.StepId);
        WriteList(writer, "waiting", trace.Waiting);
        writer.WriteString("path", trace.Path);
        WriteList(writer, "commandsAccepted", trace.CommandsAccepted);
        WriteList(writer, "commandsRejected", trace.CommandsRejected);
        WriteList(writer, "events", trace.Events);
        // What the recognizer weighed: a developer sees why a message started one flow and not another.
        writer.WriteStartObject("scores");
        foreach (var (key, value) in trace.Scores) writer.WriteNumber(key, Math.Round(value, 3));
        writer.WriteEndObject();
        writer.WriteNumber("llmCalls", trace.LlmCalls);
        writer.WriteNumber("tokensIn", trace.TokensIn);
        writer.WriteNumber("tokensOut", trace.TokensOut);
        writer.WriteNumber("understandingMs", Math.Round(trace.UnderstandingLatency.TotalMilliseconds, 1));
    });

    private static void WriteList(Utf8JsonWriter writer, string name, List<string> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    private static JsonElement Write(Action<Utf8JsonWriter> properties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
