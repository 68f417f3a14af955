using System.Text.Json;
using Chatbot.Bot.Pipeline;
using Chatbot.Bot.State;
using Chatbot.Channels.Activities;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;

namespace Chatbot.Bot.Events;

/// <summary>
/// Runs the slow part of an <c>async: true</c> step (an <c>http</c> call, an <c>answer</c>'s generation) when its
/// <c>chatbot.call</c> event comes off the queue: outside any turn, so the conversation is not held while the service
/// or model takes its time (the user's messages
/// meanwhile run and are answered "still working"); then the answer runs as a <c>chatbot.continue</c> event with the
/// same id through the wrapped ingress, so it is applied once and its replies are sent proactively. Other events pass through.
/// </summary>
internal sealed class SlowStepEventIngress(IEventIngress inner, IConversationStore store, SlowStepCaller caller) : IEventIngress
{
    private static ReadOnlySpan<byte> CallName => "\"chatbot.call\""u8;

    public async Task<TurnResult> RunAsync(ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        if (json.Span.IndexOf(CallName) < 0 || Read(json.Span) is not { } call || call.Name != SlowStepCaller.CallEvent || call.Problem() is not null)
        {
            return await inner.RunAsync(json, cancellationToken).ConfigureAwait(false);
        }

        // Read without the turn's ordering or lease: the call only needs the request, and a stale read is caught when
        // the answer's turn finds the conversation no longer waiting for this call.
        var stored = await store.ReadAsync(ConversationKey.For(call.ChannelId!, call.Conversation!), cancellationToken).ConfigureAwait(false);
        var state = stored is null ? null : ReadState(stored.Content);
        var answer = new BotEvent
        {
            Id = call.Id,
            Name = SlowStepCaller.ContinueEvent,
            ChannelId = call.ChannelId,
            Conversation = call.Conversation,
            Payload = await caller.CallAsync(state, call.Id!, cancellationToken).ConfigureAwait(false),
        };
        return await inner.RunAsync(JsonSerializer.SerializeToUtf8Bytes(answer, BotEventJsonContext.Default.BotEvent), cancellationToken).ConfigureAwait(false);
    }

    private static BotEvent? Read(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, BotEventJsonContext.Default.BotEvent);
        }
        catch (JsonException)
        {
            return null; // the wrapped ingress answers it with its reason
        }
    }

    private static DialogState? ReadState(ReadOnlyMemory<byte> content)
    {
        try
        {
            return ConversationDocumentJson.Read(content)?.Dialog is { } dialog
                ? DialogStateJson.Deserialize(dialog.Span)
                : null;
        }
        catch (JsonException)
        {
            return null; // the turn starts the conversation over; no call to make
        }
    }
}
