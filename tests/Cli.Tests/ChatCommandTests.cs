namespace Chatbot.Cli.Tests;

public sealed class ChatCommandTests
{
    [Fact]
    public async Task A_whole_order_conversation_through_piped_input()
    {
        const string input = "2\n1\n3\n3\n12 Baker Street\nme@example.com\n/state\n1\n/quit\n";

        var (exit, output, _) = await CliHarness.RunAsync(input, "chat", CliHarness.SampleFolder);

        Assert.Equal(0, exit);
        // Welcome with numbered buttons; "2" clicks "Place an order", "1" then clicks "Laptop"; the second "3" clicks "Large".
        Assert.Contains("bot: Hi! I am the Contoso Shop assistant.", output);
        Assert.Contains("     [2] Place an order", output);
        Assert.Contains("bot: Which product would you like?\n     [1] Laptop\n     [2] Phone\n     [3] Tablet", output);
        Assert.Contains("bot: How many would you like?", output);
        Assert.Contains("bot: Which size would you like?\n     [1] Small\n     [2] Medium\n     [3] Large", output);
        Assert.Contains("bot: So that is 3 x Laptop (large) to 12 Baker Street, confirmation to me@example.com. Shall I place the order?\n     [1] Yes\n     [2] No", output);
        Assert.Contains("\"flow\":\"place_order\",\"step\":\"confirm\"", output);
        Assert.Contains("bot: Done! Your order for 3 x Laptop (large) is placed.", output);
    }

    [Fact]
    public async Task The_users_time_zone_can_be_given_like_a_channel_reports_it()
    {
        var (exit, output, _) = await CliHarness.RunAsync("/state\n/quit\n", "chat", CliHarness.SampleFolder, "--time-zone", "America/New_York");

        Assert.Equal(0, exit);
        Assert.Contains("\"timeZone\":\"America/New_York\"", output);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_before_chatting()
    {
        var (exit, _, error) = await CliHarness.RunAsync("", "chat", CliHarness.SampleFolder, "--time-zone", "Mars/Olympus");

        Assert.Equal(2, exit);
        Assert.Contains("--time-zone is an IANA time zone such as Europe/Berlin, not 'Mars/Olympus'", error);
    }

    // The buergeramt trial: its mocks answer for the days the test file's now: makes "Monday" mean; chat ran on today's
    // clock, so "montag" asked a day no mock answered. --now freezes chat's clock as now: freezes a test's.
    [Fact]
    public async Task The_clock_can_be_frozen_like_a_test_files_now()
    {
        var bot = Path.Combine(AppContext.BaseDirectory, "samples", "buergeramt");
        var (exit, output, _) = await CliHarness.RunAsync("Termin buchen\nReisepass\nmontag\n", "chat", bot,
            "--mocks", Path.Combine(bot, "tests", "termin_buchen.test.yaml"), "--now", "2026-03-04T09:00:00Z");

        Assert.Equal(0, exit);
        Assert.Contains("[http] GET termine /zeiten/reisepass/2026-03-09 -> 200", output);
        Assert.Contains("bot: Am Montag, 9. März 2026 sind noch frei: 09:00, 10:30, 14:00. Welche Uhrzeit passt Ihnen?", output);
    }

    [Fact]
    public async Task A_clock_that_is_no_date_and_time_is_refused_before_chatting()
    {
        var (exit, _, error) = await CliHarness.RunAsync("", "chat", CliHarness.SampleFolder, "--now", "next monday");

        Assert.Equal(2, exit);
        Assert.Contains("--now is a date and time such as 2026-03-04T09:00:00Z (as a test file's now:), not 'next monday'", error);
    }

    [Fact]
    public async Task German_chat_uses_the_German_texts()
    {
        var (exit, output, _) = await CliHarness.RunAsync("Problem melden\n", "chat", CliHarness.SampleFolder, "--lang", "de");

        Assert.Equal(0, exit);
        Assert.Contains("bot: Hallo! Ich bin der Contoso-Shop-Assistent.", output);
        Assert.Contains("bot: Welches Gerät hat das Problem?\n     [1] Laptop\n     [2] Handy", output);
    }

    // The server's embedded recognizer hands German to the lexical recognizer; `chat` handed it to keyword, which
    // does not know that "Lieferung" is about an order: the author saw "not understood" where users are understood.
    [Fact]
    public async Task German_is_understood_as_the_server_understands_it()
    {
        var (exit, output, _) = await CliHarness.RunAsync("wo bleibt meine Lieferung\n", "chat", CliHarness.SampleFolder, "--lang", "de");

        Assert.Equal(0, exit);
        Assert.Contains("other languages lexical", output);
        Assert.Contains("bot: Wie lautet Ihre Bestellnummer?", output);
    }

    // Trying one opening after another needs a fresh conversation each time, as the Emulator's "Restart conversation" gives.
    [Fact]
    public async Task Restart_forgets_the_conversation_and_greets_again()
    {
        var (exit, output, _) = await CliHarness.RunAsync("I would like to buy a new laptop\n/state\n/restart\n/state\n", "chat", CliHarness.SampleFolder, "--recognizer", "lexical");

        Assert.Equal(0, exit);
        var at = output.IndexOf("(new conversation)", StringComparison.Ordinal);
        Assert.Contains("\"flow\":\"place_order\"", output[..at]);
        Assert.Contains("bot: ", output[at..]);
        Assert.DoesNotContain("\"flow\":\"place_order\"", output[at..]);
    }

    // An author whose message started the wrong flow could only guess why; /why shows what the recognizer weighed.
    [Fact]
    public async Task Why_shows_how_the_last_message_was_understood()
    {
        var (exit, output, _) = await CliHarness.RunAsync("I would like to buy a new laptop\n/why\n2\n/why\n", "chat", CliHarness.SampleFolder, "--recognizer", "lexical");

        Assert.Equal(0, exit);
        Assert.Contains("     understood by: lexical\n     scores: flow:place_order ", output);
        Assert.Contains("     commands: start_flow place_order; set_slot product\n", output);
        Assert.Contains("     events: flow_started:place_order, slot_set:product\n     now at: place_order / ask_quantity", output);
        // A typed answer to the question needs no recognizer: the fast path, no scores.
        Assert.Contains("     understood by: fast\n     commands: set_slot quantity\n", output);
    }

    // Issue 12: the second of two requests waits in the conversation state until the first ends; /why names it on every
    // turn until it starts, not only on the turn that queued it.
    [Fact]
    public async Task Why_names_the_request_that_waits_for_the_first_to_end()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "samples", "library");

        var (exit, output, _) = await CliHarness.RunAsync("I want to renew my loan and also reserve a book\n/why\nLIB123456\n/why\n", "chat", library, "--recognizer", "lexical");

        Assert.Equal(0, exit);
        Assert.Contains("     now at: renew_loan / #1\n     waiting: reserve_book\n", output);
        Assert.Contains("     now at: renew_loan / #2\n     waiting: reserve_book\n", output);
    }

    [Fact]
    public async Task The_end_of_input_ends_the_chat()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "chat", CliHarness.SampleFolder);

        Assert.Equal(0, exit);
        Assert.Contains("Type /state to see the state, /why to see how your last message was understood, /attach <file name> [content type] [bytes] to send a file, /event <name> [json] to send an event, /restart to start a new conversation, /quit to leave.", output);
    }

    [Fact]
    public async Task A_handoff_is_shown()
    {
        var (exit, output, _) = await CliHarness.RunAsync("report a problem\n1\nthe screen is black\nurgent\n", "chat", CliHarness.SampleFolder);

        Assert.Equal(0, exit);
        Assert.Contains("bot: That sounds urgent.", output);
        Assert.Contains("(handed over to a person)", output);
    }

    [Fact]
    public async Task Chat_understands_with_the_servers_local_recognizer_by_default_and_says_so()
    {
        var (exit, output, _) = await CliHarness.RunAsync("I'd like to purchase a new phone\n", "chat", CliHarness.SampleFolder);

        Assert.Equal(0, exit);
        Assert.Contains("understanding: embedded (all-MiniLM-L6-v2; other languages lexical)", output);
        Assert.Contains("bot: How many would you like?", output);
    }

    [Theory]
    [InlineData("scripted")]
    [InlineData("lexical")]
    [InlineData("embedded")]
    public async Task A_free_text_answer_is_the_answer_with_every_recognizer(string recognizer)
    {
        var (exit, output, _) = await CliHarness.RunAsync("order a phone\n1\nsmall\n12 Baker Street\n/state\n", "chat", CliHarness.SampleFolder, "--recognizer", recognizer);

        Assert.Equal(0, exit);
        Assert.Contains("bot: What e-mail address should we use?", output);
        Assert.Contains("\"address\":\"12 Baker Street\"", output);
    }

    [Fact]
    public async Task Recorded_is_not_a_chat_recognizer()
    {
        var (exit, _, error) = await CliHarness.RunAsync("", "chat", CliHarness.SampleFolder, "--recognizer", "recorded");

        Assert.Equal(2, exit);
        Assert.Contains("--recognizer for chat is scripted, lexical, embedded or live", error);
    }

    [Fact]
    public async Task A_form_shows_its_fields_and_the_flow_asks_for_each()
    {
        var folder = Directory.CreateTempSubdirectory("chatbot-cli-form-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "bot.yaml"), """
                bot: { id: shop, name: Shop, languages: [en] }
                flows:
                  order:
                    description: Order something
                    examples: { en: [order something] }
                    slots: { quantity: integer, gift: boolean }
                    steps:
                      - ask: quantity
                        response: order_form
                      - ask: gift
                        response: ask_gift
                      - end: ordered
                responses:
                  order_form:
                    text: { en: Your order }
                    form: { fields: [ { slot: quantity, label: { en: How many? } }, gift ], submit: { en: Order } }
                  ask_gift: { text: { en: Gift wrapped? } }
                  ordered: { text: { en: "{{ quantity }} ordered" } }
                """);

            var (exit, output, _) = await CliHarness.RunAsync("order something\n3\nyes\n/quit\n", "chat", folder.FullName);

            Assert.Equal(0, exit);
            Assert.Contains("bot: Your order\n     [form] How many?, Gift (Order)", output);
            Assert.Contains("bot: 3 ordered", output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Insurance => Path.Combine(AppContext.BaseDirectory, "samples", "insurance");

    // The author5 trial: the claims desk asks for a receipt (a file slot), and chat had no way to send one, so no
    // claim could be chatted past that question ("Please attach a file to answer this" to every line typed).
    [Fact]
    public async Task A_file_is_attached_with_its_name_and_the_type_its_extension_says()
    {
        const string input = "file a claim\nTP123456\nmedical\nyesterday\n250\nI saw a doctor in Rome.\n/attach bill.docx\n/attach scan.jpg image/jpeg 20000000\n/attach bill.pdf\n/state\n";

        var (exit, output, _) = await CliHarness.RunAsync(input, "chat", Insurance, "--recognizer", "scripted");

        Assert.Equal(0, exit);
        Assert.Contains("(attached bill.docx, application/vnd.openxmlformats-officedocument.wordprocessingml.document)\nbot: Sorry, I can only take a PDF or a photo of the receipt.", output);
        Assert.Contains("(attached scan.jpg, image/jpeg, 20000000 bytes)\nbot: Sorry, this file is too large.", output);
        Assert.Contains("(attached bill.pdf, application/pdf)\nbot: Which e-mail address should we send updates to?", output);
        Assert.Contains("\"receipt\":{\"name\":\"bill.pdf\",\"content_type\":\"application/pdf\"}", output);
    }

    // An author trying the handoff protocol or their events: section had no way to send an event from chat.
    [Fact]
    public async Task An_event_is_sent_from_chat_and_a_refused_one_says_why()
    {
        const string input = "I want to talk to a human\n/event handoff.status {\"state\":\"accepted\"}\nhello?\n/event handoff.status {\"state\":\"completed\"}\n/event handoff.status {\"state\":\"maybe\"}\n/event\n/event order_shipped [1]\n";

        var (exit, output, _) = await CliHarness.RunAsync(input, "chat", CliHarness.SampleFolder, "--recognizer", "scripted");

        Assert.Equal(0, exit);
        Assert.Contains("(handed over to a person)", output);
        Assert.Contains("> > > bot: You are back with the assistant. What else can I do for you?", output);
        Assert.Contains("(event refused: handoff.status needs a value with a state of 'accepted', 'failed' or 'completed')", output);
        Assert.Equal(2, output.Split("/event <name> [json object], e.g. /event handoff.status").Length - 1);
    }

    [Fact]
    public async Task Attach_without_a_file_name_says_how_to_write_it()
    {
        var (exit, output, _) = await CliHarness.RunAsync("/attach\n/attach a.pdf big\n", "chat", Insurance, "--recognizer", "scripted");

        Assert.Equal(0, exit);
        Assert.Equal(2, output.Split("/attach <file name> [content type] [bytes], e.g. /attach receipt.pdf").Length - 1);
    }

    // The trial's claim status always said "our claims system is not reachable": chat calls the real service, whose
    // base URL was not set, and nothing said so. Now each call shows what answered it.
    [Fact]
    public async Task An_http_call_that_fails_says_why()
    {
        var output = new StringWriter();
        var app = new CliApp(new StringReader("check my claim\nCL100002\n"), output, new StringWriter()) { Setting = _ => null };

        var exit = await app.RunAsync(["chat", Insurance, "--recognizer", "scripted"], CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("     [http] GET claims /claims/CL100002 -> base URL of service 'claims' is not configured (set Services:Claims:BaseUrl)\nbot: Sorry, our claims system is not reachable right now.", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_test_files_mocks_answer_the_http_steps()
    {
        var mocks = Path.Combine(Insurance, "tests", "claim_status.test.yaml");

        var (exit, output, _) = await CliHarness.RunAsync("check my claim\nCL100002\nCL555555\n", "chat", Insurance, "--recognizer", "scripted", "--mocks", mocks);

        Assert.Equal(0, exit);
        Assert.Contains("     [http] GET claims /claims/CL100002 -> 200\nbot: Sorry, claim CL100002 was rejected: the trip was booked after the policy ended.", output);
    }

    [Fact]
    public async Task A_mocks_file_with_problems_is_refused_before_chatting()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatbot-cli-mocks-{Guid.NewGuid():N}.test.yaml");
        await File.WriteAllTextAsync(file, "cases: []\nmocks:\n  - service: claims\n    staus: 404\n");
        try
        {
            var (exit, _, error) = await CliHarness.RunAsync("", "chat", Insurance, "--mocks", file);

            Assert.Equal(2, exit);
            Assert.Contains(":4:5: error TST1007: unknown key 'staus'", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_mocks_file_that_does_not_exist_is_named()
    {
        var (exit, _, error) = await CliHarness.RunAsync("", "chat", Insurance, "--mocks", "tests/nothere.test.yaml");

        Assert.Equal(2, exit);
        Assert.Contains("chatbot: --mocks names a test file whose mocks answer the http steps (tests/x.test.yaml); there is no file 'tests/nothere.test.yaml'", error);
    }
}
