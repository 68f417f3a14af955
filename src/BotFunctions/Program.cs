using Chatbot.Bot.Telemetry;
using Chatbot.Bot;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddChatbot(builder.Configuration).UseTelemetryIfConfigured(builder.Configuration);
builder.Build().Run();
