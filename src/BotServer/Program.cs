using Chatbot.Bot.Telemetry;
using Chatbot.Bot;
using Chatbot.Bot.DirectLine;
using Chatbot.Bot.Events;
using Chatbot.Bot.Hosting;
using Chatbot.Understanding.Embedded;

var builder = WebApplication.CreateBuilder(args);

// Default address for local development (the Emulator's usual target); --urls, ASPNETCORE_URLS or Kestrel config win.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
    && !builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
{
    builder.WebHost.UseUrls("http://localhost:3978");
}

// Local default recognizer (no LLM configured): sentence embeddings; AddChatbot's understanding composition picks it up.
builder.Services.AddEmbeddedUnderstanding(o => builder.Configuration.GetSection("Understanding:Embedded").Bind(o));
builder.Services.AddChatbot(builder.Configuration).UseTelemetryIfConfigured(builder.Configuration);
// Delayed events (reminders, expiry) and, with Queues:ConnectionString, the Storage event queue's reader.
builder.Services.AddChatbotEventQueue(builder.Configuration);
// After AddChatbot: it wraps the connector client AddChatbot registered.
builder.Services.AddChatbotDirectLine(builder.Configuration);
builder.Services.AddChatbotSecurityHeaders();

var app = builder.Build();
app.MapChatbot();
app.MapChatbotDirectLine();
app.Run();

/// <summary>The BotServer entry point (public so tests can host it in-process).</summary>
public partial class Program;
