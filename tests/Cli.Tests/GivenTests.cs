namespace Chatbot.Cli.Tests;

/// <summary>
/// <c>given:</c> in conversation tests: a case that starts with a flow running and values already given, so a test of a
/// late question need not replay the earlier ones; unknown names and unreadable values are errors at their position.
/// </summary>
public sealed class GivenTests
{
    private static async Task<(int Exit, string Output)> RunAsync(string caseText)
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/one.test.yaml", "name: one\nlanguage: en\nnow: 2026-03-01T10:00:00Z\ncases:\n  - name: case\n" + caseText);
        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "lexical");
        return (exit, output);
    }

    [Fact]
    public async Task A_case_given_a_flow_and_its_values_starts_at_the_first_question_left()
    {
        var (exit, output) = await RunAsync("""
                given:
                  flow: place_order
                  slots: { product: laptop, quantity: 2, size: Large, address: 12 Baker Street }
                turns:
                  - user: me@example.com
                    says: [email_thanks, confirm_order]
                    says_text: "So that is 2 x Laptop (large) to 12 Baker Street, confirmation to me@example.com."
                  - user: "yes"
                    says: order_placed
                    flow_completed: place_order

            """);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task A_given_value_that_breaks_the_slots_rule_fails_the_case_at_given()
    {
        var (exit, output) = await RunAsync("""
                given: { flow: place_order, slots: { product: laptop, quantity: 20 } }
                turns:
                  - user: large
                    asks: address

            """);
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:6:12: the given values were refused: slot 'quantity' fails rule 'quantity_out_of_range'", output, StringComparison.Ordinal);
        Assert.Contains("(given: place_order, product = laptop, quantity = 20)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slot_of_a_called_flow_in_given_names_the_callers_slot_to_give()
    {
        // given fills the caller's slots only; the error said "unknown slot" and no more, and the garage author looked
        // for the sub-flow's slot in the wrong place.
        var (exit, output) = await RunAsync("""
                given: { flow: place_order, slots: { contact_email: me@example.com } }
                turns:
                  - user: large

            """);
        Assert.Equal(1, exit);
        Assert.Contains("error TST2001: unknown slot 'contact_email' in flow 'place_order' or among the bot-wide slots ('contact_email' is a slot of 'collect_contact', which 'place_order' calls with contact_email: email: give that instead)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_flow_or_slot_in_given_is_reported_before_running_with_a_suggestion()
    {
        var (exit, output) = await RunAsync("""
                given: { flow: place_ordr, slots: { product: laptop } }
                turns:
                  - user: large

            """);
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:6:20: error TST2001: unknown flow 'place_ordr' (did you mean 'place_order'?)", output, StringComparison.Ordinal);

        (exit, output) = await RunAsync("""
                given: { flow: place_order, slots: { quantiy: 2 } }
                turns:
                  - user: large

            """);
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:6:42: error TST2001: unknown slot 'quantiy' in flow 'place_order' or among the bot-wide slots (did you mean 'quantity'?)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_given_value_the_slots_kind_cannot_read_is_an_error_at_the_value()
    {
        var (exit, output) = await RunAsync("""
                given: { flow: place_order, slots: { product: laptop, quantity: lots } }
                turns:
                  - user: large

            """);
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:6:69: error TST2002: 'lots' is not a valid integer for slot 'quantity'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_slot_is_given_as_the_file_the_user_attached()
    {
        // A case about what follows the receipt need not attach it first; before, 'given' could give no file.
        var (exit, output) = await RunAsync("""
                mocks:
                  - { service: orders, method: POST, path: /claims, status: 201, body: { id: WC-1001 } }
                given:
                  flow: warranty_claim
                  slots: { receipt: { name: receipt.pdf, content_type: application/pdf, size: 120000 } }
                turns:
                  - click: laptop
                    http:
                      method: POST
                      path: /claims
                      body: { device: laptop, receipt: { name: receipt.pdf, content_type: application/pdf, size: 120000 } }
                    says: claim_received
                    says_text: "with receipt.pdf. Your claim number is WC-1001."

            """);
        Assert.True(exit == 0, output);
        Assert.Contains("Tests: 1 passed, 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_given_file_the_slot_refuses_or_a_text_for_a_file_slot_is_an_error_at_the_value()
    {
        var (exit, output) = await RunAsync("""
                given:
                  flow: warranty_claim
                  slots: { receipt: { name: receipt.zip, content_type: application/zip } }
                turns:
                  - click: laptop

            """);
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:8:25: error TST2002: slot 'receipt' refuses receipt.zip (application/zip): file type not accepted (it accepts application/pdf, image/*", output, StringComparison.Ordinal);

        (exit, output) = await RunAsync("""
                given: { flow: warranty_claim, slots: { receipt: receipt.pdf } }
                turns:
                  - click: laptop

            """);
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:6:54: error TST2002: slot 'receipt' takes a file, not a text: give the file the user attached, receipt: { name: receipt.pdf, content_type: application/pdf }", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_key_in_given_gets_a_suggestion()
    {
        var (exit, output) = await RunAsync("""
                given: { flow: place_order, slot: { product: laptop } }
                turns:
                  - user: "2"

            """);
        Assert.Equal(1, exit);
        Assert.Contains("one.test.yaml:6:33: error TST1007: unknown key 'slot' in 'given' (did you mean 'slots'?)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_given_skip_word_for_an_optional_question_passes_it_and_leaves_the_slot_empty()
    {
        // author8: a case at the confirmation of a booking without the optional e-mail had no way to say so in given:
        // "email: skip" was TST2002 "not an e-mail address", and leaving it out stopped at the e-mail question.
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-given-" + Guid.NewGuid().ToString("N"));
        var sample = Path.Combine(AppContext.BaseDirectory, "samples", "bikeshop");
        Directory.CreateDirectory(Path.Combine(folder, "tests"));
        Directory.CreateDirectory(Path.Combine(folder, "knowledge"));
        File.Copy(Path.Combine(sample, "bot.yaml"), Path.Combine(folder, "bot.yaml"));
        File.Copy(Path.Combine(sample, "knowledge", "shop.md"), Path.Combine(folder, "knowledge", "shop.md"));
        File.WriteAllText(Path.Combine(folder, "tests", "skip.test.yaml"), """
            name: skip
            now: 2026-12-07T09:00:00Z
            mocks:
              - { service: workshop, method: GET, path: /slots/*, body: { times: ["09:30", "11:00"] } }
            cases:
              - name: no e-mail
                given:
                  flow: book_repair
                  slots: { service: brakes, day: "2026-12-08", time: "11:00", email: skip }
                turns:
                  - user: make it 09:30
                    says: [correction, confirm_booking]
                    says_text: "no confirmation e-mail"
                    slots: { email: null }

            """);
        try
        {
            var (exit, output, _) = await CliHarness.RunAsync("", "test", folder, "--recognizer", "lexical");

            Assert.True(exit == 0, output);
            Assert.Contains("Tests: 1 passed, 0 failed", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
