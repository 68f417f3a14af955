using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;

namespace Chatbot.Chaos.Tests;

/// <summary>
/// Plays an Azure channel posting activities to the bot behind a load balancer: an activity that gets no 2xx (an error
/// status, a dropped connection, no answer within 15 s) is sent again, to the other instance, until one answers 2xx.
/// Like a load balancer, it stops routing to an instance taken out of rotation (a dead one, once noticed) until it is
/// put back (started and warm). Every attempt is recorded with its answer and time.
/// </summary>
internal sealed class ChannelStandIn(IReadOnlyList<Uri> instances, string serviceUrl) : IDisposable
{
    private readonly bool[] _outOfRotation = new bool[instances.Count];

    private static readonly TimeSpan ChannelTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);
    private readonly HttpClient _http = new() { Timeout = ChannelTimeout };
    private readonly List<Attempt> _attempts = [];
    private int _nextId;

    /// <summary>Every post so far: which activity, to which instance, what came back, when.</summary>
    public IReadOnlyList<Attempt> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>The instances' base addresses.</summary>
    public IReadOnlyList<Uri> Addresses => instances;

    /// <summary>Takes an instance out of rotation (after it died) or puts it back (started again and warm).</summary>
    public void SetInRotation(int instance, bool inRotation) => Volatile.Write(ref _outOfRotation[instance], !inRotation);

    public Activity Message(string conversationId, string text = "count") => new()
    {
        Type = ActivityTypes.Message,
        Id = $"act-{Interlocked.Increment(ref _nextId)}",
        ChannelId = "emulator",
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = "user-" + conversationId, Name = "User" },
        Recipient = new ChannelAccount { Id = "bot", Name = "Bot" },
        Conversation = new ConversationAccount { Id = conversationId },
        Text = text,
        Locale = "en-US",
    };

    /// <summary>
    /// Posts until an instance answers 2xx, starting with <paramref name="first"/>; returns that status. With
    /// <paramref name="only"/>, every attempt goes to <paramref name="first"/> (a health check of that instance).
    /// </summary>
    public async Task<int> DeliverAsync(Activity activity, int first, bool only = false)
    {
        var body = ActivitySerializer.Serialize(activity);
        var giveUp = DateTimeOffset.UtcNow + GiveUpAfter;
        for (var target = first; ; target = only ? first : (target + 1) % instances.Count)
        {
            if (!only && Volatile.Read(ref _outOfRotation[target]) && Enumerable.Range(0, instances.Count).Any(i => !Volatile.Read(ref _outOfRotation[i])))
            {
                continue;
            }

            var started = DateTimeOffset.UtcNow;
            TimeSpan wait;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(new Uri(instances[target], "api/messages"), content);
                var status = (int)response.StatusCode;
                Record(new Attempt(activity.Id!, activity.Conversation!.Id!, target, status, null, started, DateTimeOffset.UtcNow) { RetryAfter = response.Headers.RetryAfter?.Delta });
                if (status is >= 200 and < 300) return status;

                // A channel honours Retry-After; capped so the test does not idle (the bot asks for 1-5 s).
                wait = response.Headers.RetryAfter?.Delta is { } asked && asked < TimeSpan.FromSeconds(2) ? asked : TimeSpan.FromSeconds(1);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Killed, restarting, or no answer within the channel's timeout: try the other instance.
                Record(new Attempt(activity.Id!, activity.Conversation!.Id!, target, null, ex.GetType().Name, started, DateTimeOffset.UtcNow));
                wait = TimeSpan.FromMilliseconds(200);
            }

            if (DateTimeOffset.UtcNow > giveUp)
            {
                throw new TimeoutException($"No instance answered {activity.Id} with 2xx within {GiveUpAfter}.");
            }

            // The channel's own pause between attempts (part of what is simulated, not a wait for the bot).
            await Task.Delay(wait);
        }
    }

    public void Dispose() => _http.Dispose();

    private void Record(Attempt attempt)
    {
        lock (_attempts)
        {
            _attempts.Add(attempt);
        }
    }

    /// <summary>One post of an activity and its outcome (an HTTP status, or the error that stood for none).</summary>
    internal sealed record Attempt(string ActivityId, string ConversationId, int Instance, int? Status, string? Error, DateTimeOffset Started, DateTimeOffset Ended)
    {
        public bool IsServerError => Status is >= 500;

        /// <summary>The answer's <c>Retry-After</c>, when it had one.</summary>
        public TimeSpan? RetryAfter { get; init; }
    }
}
