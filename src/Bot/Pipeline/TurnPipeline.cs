using Chatbot.Bot.Middleware.Emulator;
using Chatbot.Bot.Middleware.Failures;
using Chatbot.Bot.Middleware.Mentions;
using Chatbot.Bot.Middleware.Ordering;
using Chatbot.Bot.Middleware.RateLimiting;
using Chatbot.Bot.Middleware.Teams;
using Chatbot.Bot.Middleware.Typing;
using Chatbot.Bot.Sending;
using Chatbot.Bot.State;
using Chatbot.Bot.Telemetry;
using Chatbot.Channels.Connector;
using Chatbot.Dialogs.Engine;
using Chatbot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Pipeline;

/// <summary>
/// The turn pipeline's composition: the path of every activity, from both <c>/api/messages</c> and Direct Line, reads
/// top to bottom here. Each stage is a wrapper around everything below it and never calls back up.
/// </summary>
internal static class TurnPipeline
{
    public static ITurnHandler Build(IServiceProvider services, IReadOnlyList<Func<IServiceProvider, ITurnHandler, ITurnHandler>> hostWrappers)
    {
        var telemetry = services.GetRequiredService<ChatbotTelemetry>();

        // The seams a turn calls out through, each behind its one telemetry wrapper (understanding and phrasing get
        // theirs where they are composed, in AddChatbotUnderstanding).
        IConversationStore store = new TracingConversationStore(services.GetRequiredService<IConversationStore>(), telemetry);
        IConnectorClient connector = new TracingConnectorClient(services.GetRequiredService<IConnectorClient>(), telemetry);
        IDialogEngine engine = new TracingDialogEngine(services.GetRequiredService<IDialogEngine>(), telemetry);
        var sender = Create<ReplySender>(services, connector);

        return new Chain(services)
            .Then(inner => new TracingTurnHandler(inner, telemetry))               // root span chatbot.turn, turn metrics
            .Then(inner => Create<FailureTurnHandler>(services, inner, sender))     // log scope; any failure -> 500/503 result (a welcome: a notice), logged once
            .Then(hostWrappers)                                                     // AddChatbot(...).Use(...)
            .Then(inner => Create<Middleware.Handoff.HubEventTurnHandler>(services, inner)) // handoff.status only from a hub's channel: 403 before any work
            .Then(inner => Create<RateLimitTurnHandler>(services, inner, sender))   // before any work that costs more than parsing
            .Then(inner => new MentionCleanupTurnHandler(inner))                    // the bot's own <at>mention</at> removed
            .Then(inner => Create<ConversationOrderingTurnHandler>(services, inner)) // one turn per conversation at a time here, bounded wait
            .Then(inner => Create<EmulatorTraceTurnHandler>(services, inner, sender)) // emulator: turn trace + masked state after the replies
            .Then(inner => Create<Events.ScheduledEventsTurnHandler>(services, inner, sender)) // after the commit: timers and slow calls to the event queue
            .Then(inner => Create<ConversationStateTurnHandler>(services, inner, store, sender)) // load, dedupe, commit (re-run on 412), deliver, record
            .Then(inner => new TeamsReplyTurnHandler(inner))                        // msteams: long texts split at sentence ends, before commit
            .Then(inner => Create<TypingTurnHandler>(services, inner, sender))      // typing once, alongside a slow turn
            .End(Create<ActivityRouter>(services, engine));                         // message/welcome -> engine; invoke -> IInvokeHandler
    }

    private static T Create<T>(IServiceProvider services, params object[] parts) => ActivatorUtilities.CreateInstance<T>(services, parts);

    /// <summary>Collects the stages outermost first and wraps them around the innermost handler.</summary>
    private sealed class Chain(IServiceProvider services)
    {
        private readonly List<Func<ITurnHandler, ITurnHandler>> _stages = [];

        public Chain Then(Func<ITurnHandler, ITurnHandler> stage)
        {
            _stages.Add(stage);
            return this;
        }

        public Chain Then(IEnumerable<Func<IServiceProvider, ITurnHandler, ITurnHandler>> stages)
        {
            foreach (var stage in stages)
            {
                _stages.Add(inner => stage(services, inner));
            }

            return this;
        }

        public ITurnHandler End(ITurnHandler innermost)
        {
            var handler = innermost;
            for (var i = _stages.Count - 1; i >= 0; i--)
            {
                handler = _stages[i](handler);
            }

            return handler;
        }
    }
}
