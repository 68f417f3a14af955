using System.Net;
using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Connector;
using Chatbot.Channels.DirectLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.EndToEnd.Tests;

/// <summary>
/// The real page and Direct Line endpoint (Kestrel on 127.0.0.1:0) with a scripted bot behind them, for what the sample
/// bot does not show on demand: a hero card, and a typing indicator held until the test lets the bot answer.
/// </summary>
internal sealed class ScriptedBotServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedBotServer(WebApplication app, Uri baseAddress, ScriptedBot bot)
    {
        _app = app;
        BaseAddress = baseAddress;
        Bot = bot;
    }

    public Uri BaseAddress { get; }

    public ScriptedBot Bot { get; }

    public static async Task<ScriptedBotServer> StartAsync()
    {
        var contentRoot = Path.Combine(RepoPaths.Root, "src", "BotServer");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot,
            WebRootPath = Path.Combine(contentRoot, "wwwroot"),
        });
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddDirectLine();
        builder.Services.AddSingleton<ScriptedBot>();
        builder.Services.AddSingleton<IDirectLineTurnHandler>(sp => sp.GetRequiredService<ScriptedBot>());
        var app = builder.Build();
        app.UseWebSockets();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapDirectLine();
        app.MapDirectLinePageToken("/api/webchat/token");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ScriptedBotServer(app, new Uri(address), app.Services.GetRequiredService<ScriptedBot>());
    }

    public async ValueTask DisposeAsync()
    {
        Bot.Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// Welcomes with suggested actions (Red, Blue) and a hero card (button Green); answers "You picked X".
/// A message "slow" makes it send typing and wait for <see cref="Release"/> before answering.
/// </summary>
internal sealed class ScriptedBot(IConnectorClient connector) : IDirectLineTurnHandler
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public async Task<TurnResult> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        await AnswerAsync(activity, cancellationToken);
        return TurnResult.Ok;
    }

    public string NotHandledNotice(Activity message) => "Please send it again.";

    private async Task AnswerAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            var welcome = Reply(activity, "Pick a colour");
            welcome.SuggestedActions = new SuggestedActions
            {
                Actions = [ImBack("Red"), ImBack("Blue")],
            };
            welcome.Attachments =
            [
                new Attachment
                {
                    ContentType = "application/vnd.microsoft.card.hero",
                    Content = JsonDocument.Parse("""{"title":"Colours","text":"Or pick from the card","buttons":[{"type":"imBack","title":"Green","value":"Green"}]}""").RootElement.Clone(),
                },
            ];
            await connector.SendAsync(welcome, cancellationToken);
            return;
        }

        if (activity.Type != ActivityTypes.Message)
        {
            return;
        }

        await connector.SendAsync(new Activity
        {
            Type = ActivityTypes.Typing,
            ChannelId = activity.ChannelId,
            Conversation = new ConversationAccount { Id = activity.Conversation!.Id },
            From = activity.Recipient,
        }, cancellationToken);
        if (activity.Text == "slow")
        {
            await _release.Task.WaitAsync(cancellationToken);
        }

        await connector.SendAsync(Reply(activity, "You picked " + activity.Text), cancellationToken);
    }

    private static CardAction ImBack(string value) => new()
    {
        Type = "imBack",
        Title = value,
        Value = JsonDocument.Parse(JsonEncodedString(value)).RootElement.Clone(),
    };

    private static string JsonEncodedString(string value) => "\"" + JsonEncodedText.Encode(value) + "\"";

    private static Activity Reply(Activity to, string text) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        ChannelId = to.ChannelId,
        Conversation = new ConversationAccount { Id = to.Conversation!.Id },
        From = to.Recipient,
        Recipient = to.From,
        ReplyToId = to.Id,
    };
}
