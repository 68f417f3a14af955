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
    public void Long_conversation_keys_are_shortened_to_a_unique_valid_id_by_hashing_the_whole_key()
    {
        var longA = new string('a', 300) + "1";
        var longB = new string('a', 300) + "2";

        var a = DocumentIds.ToDocumentId(DocumentIds.ForConversation("msteams", longA));
        var b = DocumentIds.ToDocumentId(DocumentIds.ForConversation("msteams", longB));

        Assert.Equal(DocumentIds.MaxLength, a.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(a, DocumentIds.ToDocumentId(DocumentIds.ForConversation("msteams", longA)));
        Assert.True(DocumentIds.IsShortened(a));
        DocumentIds.Validate(a);
    }

    [Fact]
    public void Keys_that_fit_keep_their_id_so_documents_stored_before_shortening_existed_still_load()
    {
        var key = DocumentIds.ForConversation("msteams", "19:abc@thread.v2;messageid=17");

        Assert.Equal(key, DocumentIds.ToDocumentId(key));
        Assert.False(DocumentIds.IsShortened(key));
    }

    // F9 of the red-team run: ids over 255 characters became "prefix~<32 hex>", and a shorter crafted id escaped to
    // the very same string, so two conversations shared one state document.
    [Fact]
    public void A_crafted_id_that_escapes_to_the_shortened_form_of_a_long_id_stays_a_different_document()
    {
        var (longId, crafted) = CollidingIds.UnderTheOldScheme();

        Assert.NotEqual(
            DocumentIds.ToDocumentId(DocumentIds.ForConversation("msteams", longId)),
            DocumentIds.ToDocumentId(DocumentIds.ForConversation("msteams", crafted)));
    }

    [Fact]
    public void A_refused_id_says_which_character_and_what_to_use_instead()
    {
        var ex = Assert.Throws<ArgumentException>(() => DocumentIds.Validate("emulator/abc"));
        Assert.Contains("'/' at position 8", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DocumentIds.ForConversation", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>Two conversation ids that shared one document id before the fix (a long one and a crafted short one).</summary>
internal static class CollidingIds
{
    public static (string LongId, string Crafted) UnderTheOldScheme()
    {
        const string channel = "msteams:";
        for (var i = 0; ; i++)
        {
            // The old scheme: ids over 255 escaped characters became the first 222 characters, '~', and 32 hex digits of
            // SHA-256 of the whole. When those digits start with 00-19, they read as the escape of a control character.
            var longId = new string('a', 300) + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(channel + longId)))[..32];
            if (hash[0] is '0' or '1' && char.IsAsciiDigit(hash[1]))
            {
                var control = (char)Convert.ToInt32(hash[..2], 16);
                var crafted = (channel + longId)[channel.Length..(255 - 33)] + control + hash[2..];
                return (longId, crafted);
            }
        }
    }
}
