using Chatbot.Bot.Telemetry;
using Chatbot.Bot;
using Chatbot.Bot.Events;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddChatbot(builder.Configuration).UseTelemetryIfConfigured(builder.Configuration);
// Delayed events (reminders, expiry) go to the queue the EventQueue trigger reads.
builder.Services.AddChatbotFunctionsEventQueue(builder.Configuration);
builder.Build().Run();
