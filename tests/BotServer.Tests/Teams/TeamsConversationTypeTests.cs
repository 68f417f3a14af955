using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Testing;

namespace Chatbot.BotServer.Tests.Teams;

/// <summary>
/// Issue 14 item 5 through /api/messages of the real BotServer: the conversation type Teams reports (personal chat,
/// group chat, channel) reaches the dialogs, so an author can keep a sensitive flow out of shared conversations.
/// </summary>
public sealed class TeamsConversationTypeTests : ChannelServerTest
{
    private const string Bot = """
        bot:
          id: hr
          name: HR
          languages: [en]
        flows:
          salary:
            description: Ask about my salary
            examples: { en: [what is my salary] }
            steps:
              - branch:
                  - if: conversation_type != "personal"
                    goto: shared
              - end: in_private
              - id: shared
                end: not_here
        responses:
          in_private: { text: { en: Your salary statement is ready. } }
          not_here: { text: { en: Please ask me in a personal chat; this conversation is shared. } }
        """;

    private readonly DirectoryInfo _dialogs = Directory.CreateTempSubdirectory("chatbot-convtype-");

    protected override string ChannelPath => "amer";

    protected override BotServerHost CreateHost() => new BotServerHost().WithSetting("Dialogs:Path", _dialogs.FullName).WithSetting("Understanding:Mode", "lexical");

    public override async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dialogs.FullName, "hr.yaml"), Bot);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dialogs.Delete(recursive: true);
    }

    [Theory]
    [InlineData("personal", "Your salary statement is ready.")]
    [InlineData("groupChat", "Please ask me in a personal chat; this conversation is shared.")]
    [InlineData("channel", "Please ask me in a personal chat; this conversation is shared.")]
    public async Task A_flow_branches_on_the_conversation_type_Teams_reports(string conversationType, string expected)
    {
        var message = TeamsPayloads.Message(Channel.ServiceUrl, "what is my salary", conversationType);
        using var response = await Client.PostAsync("/api/messages", new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(Channel.Messages);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Equal(message["conversation"]!["id"]!.GetValue<string>(), reply.Conversation?.Id);
    }
}
