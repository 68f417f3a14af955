using System.Diagnostics;
using Chatbot.Bot.Telemetry;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Understanding;
using BotActivity = Chatbot.Channels.Activities.Activity;

namespace Chatbot.Bot.Tests.Telemetry;

/// <summary>An engine that asks understanding and phrasing (as the real one does), then answers with a fixed trace.</summary>
internal sealed class FakeDialogEngine(IUnderstanding understanding, IResponsePhraser phraser, Func<TurnTrace> trace, Action? whileRunning = null) : IDialogEngine
{
    public Exception? Throw { get; init; }

    public async ValueTask<TurnOutcome> RunTurnAsync(TurnInput input, CancellationToken cancellationToken)
    {
        whileRunning?.Invoke();
        if (Throw is not null)
        {
            throw Throw;
        }

        if (input.Text is { } text)
        {
            await understanding.UnderstandAsync(new UnderstandingRequest { Text = text, Language = "en" }, cancellationToken);
        }

        const string Template = "Which size would you like, Alice?";
        var phrased = await phraser.PhraseAsync(new PhrasingRequest { ResponseId = "ask_size", Mode = "template", TemplateText = Template, Language = "en" }, cancellationToken);
        var turnTrace = trace();
        return new TurnOutcome
        {
            State = new DialogState { Stack = [new FlowFrame { Flow = "order", Step = "ask_size" }] },
            Replies = [new Reply { ResponseId = "ask_size", Text = phrased.Text, ExpectsInput = true }],
            Trace = turnTrace,
        };
    }
}

/// <summary>A recognizer that answers through the LLM path with a set_slot command.</summary>
internal sealed class FakeUnderstanding : IUnderstanding
{
    public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new UnderstandingResult
        {
            Path = "llm",
            Commands = [new SetSlotCommand("size", "large"), new StartFlowCommand("refund")],
            LlmCalls = 1,
            TokensIn = 120,
            TokensOut = 15,
        });
}

/// <summary>Plays the channel: records sends; the first send is retried once (as after a 429).</summary>
internal sealed class FakeConnector : IConnectorClient
{
    public List<BotActivity> Sent { get; } = [];

    public int RetriesOnNextSend { get; set; }

    public Exception? Throw { get; set; }

    public Task<ResourceResponse> SendAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        for (var i = 0; i < RetriesOnNextSend; i++)
        {
            // What a retrying client below the tracing wrapper does on each retry.
            System.Diagnostics.Activity.Current?.AddEvent(new ActivityEvent(TelemetryNames.Spans.RetryEvent, tags: new ActivityTagsCollection
            {
                [TelemetryTags.HttpStatusCode] = 429,
                [TelemetryTags.RetryDelayMs] = 250,
            }));
        }

        RetriesOnNextSend = 0;
        if (Throw is not null)
        {
            return Task.FromException<ResourceResponse>(Throw);
        }

        Sent.Add(activity);
        return Task.FromResult(new ResourceResponse { Id = $"reply-{Sent.Count}" });
    }

    public Task<ResourceResponse> UpdateAsync(BotActivity activity, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceResponse { Id = activity.Id });

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
}
