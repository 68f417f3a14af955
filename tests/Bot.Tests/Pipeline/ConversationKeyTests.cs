using Chatbot.Bot.Pipeline;

namespace Chatbot.Bot.Tests.Pipeline;

public sealed class ConversationKeyTests
{
    [Theory]
    [InlineData("emulator", "abc|livechat", "emulator:abc|livechat")]
    [InlineData("msteams", "19:x@thread.v2;messageid=1", "msteams:19:x@thread.v2;messageid=1")]
    [InlineData("test", "a/b\\c?d#e%f~g", "test:a~2Fb~5Cc~3Fd~23e~25f~7Eg")]
    [InlineData("odd:channel", "x", "odd~3Achannel:x")]
    public void Keys_are_stable_and_free_of_characters_Cosmos_rejects(string channel, string conversation, string expected)
    {
        Assert.Equal(expected, ConversationKey.For(channel, conversation));
    }

    [Fact]
    public void Very_long_ids_stay_whole_and_distinct_the_store_shortens_them()
    {
        var a = ConversationKey.For("msteams", new string('a', 400) + "1");
        var b = ConversationKey.For("msteams", new string('a', 400) + "2");
        Assert.Equal("msteams:".Length + 401, a.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(a, ConversationKey.For("msteams", new string('a', 400) + "1"));
        Assert.True(Chatbot.Storage.DocumentIds.ToDocumentId(a).Length <= 255);
    }
}
