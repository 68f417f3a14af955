using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Bench.Floor;

// The floor bot: parse the activity, POST one reply to {serviceUrl}/v3/conversations/{id}/activities/{replyToId}, answer 200.
// Non-message activities (the load generator's readiness probe posts "typing") are acknowledged without a reply.
// The default builder, as `dotnet new web` writes it: the floor is a typical minimal app, not a tuned one.
var builder = WebApplication.CreateBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJsonContext.Default));
var app = builder.Build();

var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
app.MapPost("/api/messages", async (HttpRequest request, CancellationToken cancellationToken) =>
{
    var activity = await JsonSerializer.DeserializeAsync(request.Body, FloorJsonContext.Default.FloorActivity, cancellationToken);
    if (activity is not { Type: "message", ServiceUrl: { } serviceUrl, Conversation.Id: { } conversationId })
    {
        return Results.Ok();
    }

    var reply = new FloorActivity
    {
        Type = "message",
        Text = $"You said: {activity.Text}",
        From = activity.Recipient,
        Recipient = activity.From,
        Conversation = activity.Conversation,
        ReplyToId = activity.Id,
        ChannelId = activity.ChannelId,
    };
    var url = $"{serviceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activity.Id ?? string.Empty)}";
    using var content = JsonContent.Create(reply, FloorJsonContext.Default.FloorActivity, new MediaTypeHeaderValue("application/json"));
    using var response = await http.PostAsync(url, content, cancellationToken);
    return response.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
});
app.Run();

namespace Chatbot.Bench.Floor
{
    /// <summary>The few activity fields a reply needs.</summary>
    internal sealed class FloorActivity
    {
        public string? Type { get; set; }
        public string? Id { get; set; }
        public string? Text { get; set; }
        public string? ServiceUrl { get; set; }
        public string? ChannelId { get; set; }
        public string? ReplyToId { get; set; }
        public FloorAccount? From { get; set; }
        public FloorAccount? Recipient { get; set; }
        public FloorAccount? Conversation { get; set; }
    }

    /// <summary>A channel account or conversation reference.</summary>
    internal sealed class FloorAccount
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
    }

    [JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonSerializable(typeof(FloorActivity))]
    internal sealed partial class FloorJsonContext : JsonSerializerContext;
}
