namespace Chatbot.Storage.Tests;

public sealed class DocumentIdsTests
{
    [Theory]
    [InlineData("emulator", "0f8a7f10|livechat", "emulator:0f8a7f10|livechat")]
    [InlineData("msteams", "19:abc@thread.v2;messageid=17", "msteams:19:abc@thread.v2;messageid=17")]
    [InlineData("directline", "a/b\\c?d#e%f~g", "directline:a~2Fb~5Cc~3Fd~23e~25f~7Eg")]
    [InlineData("odd:channel", "x", "odd~3Achannel:x")]
    public void Conversation_ids_become_valid_readable_document_ids(string channel, string conversation, string expected)
    {
        var id = DocumentIds.ForConversation(channel, conversation);

        Assert.Equal(expected, id);
        DocumentIds.Validate(id);
    }

    [Fact]
    public void Escaping_keeps_different_conversations_apart()
    {
        Assert.NotEqual(DocumentIds.ForConversation("webchat", "a/b"), DocumentIds.ForConversation("webchat", "a~2Fb"));
        Assert.NotEqual(DocumentIds.ForConversation("a:b", "c"), DocumentIds.ForConversation("a", "b:c"));
    }

    [Fact]
    public void Long_conversation_ids_are_shortened_to_a_unique_valid_id()
    {
        var longA = new string('a', 300) + "1";
        var longB = new string('a', 300) + "2";

        var a = DocumentIds.ForConversation("msteams", longA);
        var b = DocumentIds.ForConversation("msteams", longB);

        Assert.Equal(DocumentIds.MaxLength, a.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(a, DocumentIds.ForConversation("msteams", longA));
        DocumentIds.Validate(a);
    }

    [Fact]
    public void A_refused_id_says_which_character_and_what_to_use_instead()
    {
        var ex = Assert.Throws<ArgumentException>(() => DocumentIds.Validate("emulator/abc"));
        Assert.Contains("'/' at position 8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DocumentIds.ForConversation", ex.Message, StringComparison.Ordinal);
    }
}
