using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Testing;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary><c>conversation_type</c>: authors branch on a Teams personal chat, group chat or channel.</summary>
public sealed class ConversationTypeTests
{
    private const string Bot = """
        flows:
          report:
            description: Report a problem
            examples: { en: [report a problem] }
            steps:
              - branch:
                  - if: conversation_type != "personal"
                    goto: shared
              - end: private_ok
              - id: shared
                end: in_private
        responses:
          private_ok: { text: { en: Tell me about the problem. } }
          in_private: { text: { en: Please write to me in a personal chat; this conversation is shared. } }
        """;

    private static CompiledBot Compile() => TestBots.Compile(Bot);

    private static Task<TurnOutcome> Say(Conversation c, string text, string? conversationType) =>
        c.Run(new TurnInput { Kind = TurnKind.Message, Text = text, Locale = "en", State = c.State, Now = Conversation.Now, ConversationType = conversationType });

    [Theory]
    [InlineData("groupChat", "in_private")]
    [InlineData("channel", "in_private")]
    [InlineData("GROUPCHAT", "in_private")] // channels' casing varies; the value is compared in its documented spelling
    [InlineData("personal", "private_ok")]
    [InlineData(null, "private_ok")] // Web Chat, Direct Line and the Emulator do not say: a 1:1 chat
    [InlineData("meeting", "private_ok")] // a value we do not know is not remembered
    public async Task A_flow_branches_on_the_conversation_type_the_channel_reports(string? reported, string expected)
    {
        var c = new Conversation(Compile());
        await Say(c, "report a problem", reported);
        Assert.Equal(expected, c.Ids);
    }

    [Fact]
    public async Task The_type_is_remembered_for_turns_whose_activity_does_not_carry_it()
    {
        var c = new Conversation(Compile());
        await Say(c, "hello", "groupChat");
        await Say(c, "report a problem", null);
        Assert.Equal("in_private", c.Ids);
    }

    [Fact]
    public void A_misspelt_type_is_an_error_at_the_literal_naming_the_types_that_exist()
    {
        var yaml = TestBots.Edit(Bot, "!= \"personal\"", "== \"group\"");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2008");
        Assert.Equal(TestBots.Position(yaml, "conversation_type ==").Line, d.Line);
        Assert.Contains("conversation_type is one of \"personal\", \"groupChat\", \"channel\", never \"group\"", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slot_named_conversation_type_is_refused()
    {
        var yaml = TestBots.Edit(Bot, "    steps:", "    slots: { conversation_type: text }\n    steps:");
        Assert.Equal("slot 'conversation_type' has a reserved name: 'conversation_type' has its own meaning in expressions; rename the slot",
            TestBots.Single(TestBots.Load(yaml), "DLG2030").Message);
    }

    [Fact]
    public async Task Conversation_tests_can_say_which_kind_of_conversation_they_run_in()
    {
        const string tests = """
            name: conversation types
            cases:
              - name: in a group chat
                conversation_type: groupChat
                turns:
                  - user: report a problem
                    says: in_private
              - name: one to one
                turns:
                  - user: report a problem
                    says: private_ok
            """;
        var runner = new ConversationTestRunner(new ConversationTestOptions());
        var report = await runner.RunFileAsync(Compile(), "types.test.yaml", tests, CancellationToken.None);
        Assert.Empty(report.Diagnostics);
        Assert.Equal(2, report.Cases.Count);
        Assert.All(report.Cases, r => Assert.True(r.Passed, string.Join("\n", r.Transcript)));

        var bad = await runner.RunFileAsync(Compile(), "types.test.yaml", tests.Replace("groupChat", "group", StringComparison.Ordinal), CancellationToken.None);
        // A slip in one case fails that case; the other still runs.
        var broken = Assert.Single(bad.Cases, c => !c.Passed);
        Assert.Contains(broken.Failures, f => f.Message.Contains("'conversation_type' is one of personal, groupChat, channel, found 'group'", StringComparison.Ordinal));
        Assert.Contains(bad.Cases, c => c.Name == "one to one" && c.Passed);
    }
}
