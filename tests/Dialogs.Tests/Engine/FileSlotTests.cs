using Chatbot.Dialogs.Engine;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>Issue 14 item 2: an ask of a <c>file</c> slot takes an attached file, refuses the wrong ones naming why, and never takes words for a file.</summary>
public sealed class FileSlotTests
{
    private const string Bot = """
        slot_types:
          receipt_file: { kind: file, accept: [application/pdf, image/*], max_size: 1MB }
        flows:
          claim:
            description: Claim
            examples: { en: [make a claim] }
            slots: { receipt: receipt_file, note: text }
            steps:
              - ask: receipt
                response: ask_receipt
              - branch:
                  - if: receipt is set and len(receipt) > 4
                    goto: done
              - id: done
                end: thanks
        responses:
          ask_receipt: { text: { en: "Attach the receipt (at most {{ accepted.max_size }})." } }
          thanks: { text: { en: "Got {{ receipt }} ({{ receipt.content_type }}, {{ receipt.size }} bytes)." } }

        """;

    private static async Task<Conversation> AtReceiptAsync()
    {
        var chat = new Conversation(TestBots.Compile(Bot));
        await chat.Say("make a claim");
        Assert.Equal("Attach the receipt (at most 1 MB).", chat.Text);
        return chat;
    }

    private static Task<TurnOutcome> AttachAsync(Conversation chat, string? text, params InputFile[] files) =>
        chat.Run(new TurnInput { Kind = TurnKind.Message, Text = text, Files = files, State = chat.State, Now = Conversation.Now });

    [Fact]
    public async Task An_accepted_file_fills_the_slot_and_templates_read_its_name_and_members()
    {
        var chat = await AtReceiptAsync();

        await AttachAsync(chat, null, new InputFile("image/png", "receipt.png") { Size = 2048, Url = "https://channel.example/a/1" });

        Assert.Equal("Got receipt.png (image/png, 2048 bytes).", chat.Text);
        Assert.Contains("slot_set:receipt", chat.Last.Trace.Events);
    }

    [Fact]
    public async Task A_wrong_type_and_a_too_large_file_reprompt_naming_why_and_the_first_acceptable_file_wins()
    {
        var chat = await AtReceiptAsync();

        await AttachAsync(chat, null, new InputFile("text/plain", "notes.txt"));
        var wrongType = chat.Text;
        await AttachAsync(chat, null, new InputFile("application/pdf", "scan.pdf") { Size = 1_500_000 });
        var tooLarge = chat.Text;
        await AttachAsync(chat, null, new InputFile("application/pdf", "scan.pdf") { Size = 1_500_000 }, new InputFile("application/pdf; charset=binary", "small.pdf") { Size = 1_000 });

        Assert.Equal("Sorry, I can't accept this type of file. Please send PDF files or images.", wrongType);
        Assert.Equal("Sorry, this file is too large. Please send a file of at most 1 MB.", tooLarge);
        Assert.Equal("Got small.pdf (application/pdf; charset=binary, 1000 bytes).", chat.Text);
    }

    [Fact]
    public async Task A_file_whose_size_the_channel_does_not_report_is_taken()
    {
        var chat = await AtReceiptAsync();

        await AttachAsync(chat, "here", new InputFile("application/pdf", "teams.pdf"));

        Assert.Equal("Got teams.pdf (application/pdf,  bytes).", chat.Text);
    }

    [Theory]
    [InlineData("I will send it later")]
    [InlineData("""{"name":"x.pdf","content_type":"application/pdf","url":"http://169.254.169.254/latest"}""")]
    [InlineData("file:0")]
    public async Task Words_at_a_file_ask_never_become_a_file_and_ask_for_one(string text)
    {
        var chat = await AtReceiptAsync();

        await chat.Say(text);

        Assert.Equal("builtin.file_expected", chat.Ids);
        Assert.Null(chat.Slot("receipt"));
        Assert.Contains("pattern:file_expected", chat.Last.Trace.Events);
    }

    [Fact]
    public async Task A_global_command_still_works_at_a_file_ask_and_files_elsewhere_get_the_files_answer()
    {
        var chat = await AtReceiptAsync();

        await chat.Say("cancel");
        await chat.Say("yes");
        Assert.Empty(chat.Flows);
        await AttachAsync(chat, null, new InputFile("image/png", "photo.png"));

        Assert.Equal("builtin.files", chat.Ids);
    }

    [Theory]
    [InlineData("image/*", "image/png", true)]
    [InlineData("image/*", "IMAGE/JPEG", true)]
    [InlineData("image/*", "imagex/png", false)]
    [InlineData("application/pdf", "application/pdf; charset=binary", true)]
    [InlineData("application/pdf", "application/pdfx", false)]
    public void Accepted_types_match_exactly_or_by_family(string accepted, string contentType, bool matches) =>
        Assert.Equal(matches, FileSlots.Matches(accepted, contentType));

    [Theory]
    [InlineData(512, "en", "512 bytes")]
    [InlineData(5_000_000, "en", "5 MB")]
    [InlineData(1_500_000, "de", "1,5 MB")]
    [InlineData(200_000, "de", "200 KB")]
    public void Sizes_read_as_people_write_them(long bytes, string language, string text) =>
        Assert.Equal(text, FileSlots.FormatSize(bytes, language));

    [Theory]
    [InlineData("en", "PDF files or images")]
    [InlineData("de", "PDF-Dateien oder Bilder")]
    public void What_a_file_slot_accepts_reads_in_words_not_content_types(string language, string expected) =>
        Assert.Equal(expected, FileSlots.DescribeAccepted(["application/pdf", "image/*"], language));

    [Theory]
    [InlineData(new[] { "image/png", "image/jpeg" }, "en", "PNG images or JPEG images")]
    [InlineData(new[] { "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword", "text/csv" }, "de", "Word-Dateien oder CSV-Dateien")]
    [InlineData(new[] { "video/*", "audio/*", "application/x-gpx" }, "en", "videos, audio files or GPX files")]
    [InlineData(new[] { "application/vnd.example.long-name" }, "de", "application/vnd.example.long-name")]
    public void Types_with_an_everyday_name_read_by_it_and_others_as_written(string[] accept, string language, string expected) =>
        Assert.Equal(expected, FileSlots.DescribeAccepted(accept, language));
}
