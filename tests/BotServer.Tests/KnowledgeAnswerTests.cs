using System.Net;
using System.Text;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Serialization;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests;

/// <summary>
/// The clinic sample's answers from its own Markdown texts inside the real BotServer with its default configuration
/// (local recognizer, knowledge retrieval through the server's similarity), as a user in the Emulator asks them.
/// </summary>
public sealed class KnowledgeAnswerTests : ChannelServerTest
{

    protected override BotServerHost CreateHost() => new BotServerHost().WithSetting("Dialogs:Path", Path.Combine(RepositoryPaths.Root, "samples", "clinic"));

    private async Task<string> SayAsync(string id, string text)
    {
        Channel.Clear();
        var activity = Chat.Message(id, text);
        var response = await Client.PostAsync("/api/messages", new StringContent(ActivitySerializer.Serialize(activity), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join(" | ", Channel.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Practice_questions_are_answered_from_the_practice_texts()
    {
        Assert.Contains("free parking for patients behind the building", await SayAsync("m-1", "where can I park?"), StringComparison.Ordinal);
        Assert.Contains("Monday to Friday from 8:00 to 18:00", await SayAsync("m-2", "what are your opening hours?"), StringComparison.Ordinal);
        Assert.Contains("including flu, COVID-19, tetanus", await SayAsync("m-3", "do you give flu vaccinations?"), StringComparison.Ordinal);
    }
}
