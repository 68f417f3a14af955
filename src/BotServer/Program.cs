using Chatbot.Bot.DirectLine;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddChatbotDirectLine(builder.Configuration);
var app = builder.Build();
app.MapGet("/api/health", () => Results.Ok(new { status = "ok" }));
app.MapChatbotDirectLine();
app.Run();
