using System.Xml.Linq;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Cli.Tests;

public sealed class TestCommandTests
{
    private const string FailingTest = """
        name: failing
        now: 2026-03-01T10:00:00Z
        cases:
          - name: passes
            turns:
              - user: place an order
                asks: product
          - name: wrong response
            turns:
              - user: place an order
                asks: product
              - click: laptop
                says: ask_product
              - user: "2"
        """;

    [Fact]
    public async Task The_sample_bots_own_tests_pass_with_the_servers_local_recognizer_by_default()
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "test", CliHarness.SampleFolder);

        Assert.True(exit == 0, output);
        Assert.StartsWith("Understanding: embedded (all-MiniLM-L6-v2; other languages lexical)\n", output, StringComparison.Ordinal);
        Assert.Matches(@"Tests: \d+ passed, 0 failed", output);
        Assert.DoesNotContain("FAIL", output);
    }

    [Theory]
    [InlineData("scripted", "keyword (no model)")]
    [InlineData("lexical", "lexical (no model)")]
    [InlineData("embedded", "embedded")]
    public async Task The_sample_bots_own_tests_pass_with_every_local_recognizer(string recognizer, string described)
    {
        var (exit, output, _) = await CliHarness.RunAsync("", "test", CliHarness.SampleFolder, "--recognizer", recognizer);

        Assert.True(exit == 0, output);
        Assert.StartsWith("Understanding: " + described, output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", output);
    }

    [Fact]
    public async Task An_unknown_recognizer_and_the_old_mode_option_are_usage_errors()
    {
        var unknown = await CliHarness.RunAsync("", "test", CliHarness.SampleFolder, "--recognizer", "magic");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("--recognizer is scripted, lexical, embedded, recorded or live, not 'magic'", unknown.Err);

        var old = await CliHarness.RunAsync("", "test", CliHarness.SampleFolder, "--mode", "scripted");
        Assert.Equal(2, old.Exit);
        Assert.Contains("--mode is now --recognizer", old.Err);
    }

    [Fact]
    public async Task A_failing_expectation_reports_its_line_expected_actual_and_the_transcript()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/failing.test.yaml", FailingTest);
        var (line, column) = bot.Find("tests/failing.test.yaml", "says: ask_product");

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains("PASS  failing > passes", output);
        Assert.Contains("FAIL  failing > wrong response", output);
        Assert.Contains($"{bot.PathOf("tests/failing.test.yaml")}:{line}:{column}: says: expected response 'ask_product', got [ask_quantity]", output);
        Assert.Contains("transcript:\n        user: place an order\n        bot [ask_product]: Which product would you like?  [1] Laptop [2] Phone [3] Tablet\n        user clicks: Laptop\n        bot [ask_quantity]: How many would you like?\n", output);
        Assert.DoesNotContain("user: 2", output); // the case stops at the first failing turn
        Assert.Contains("Tests: 1 passed, 1 failed", output);
    }

    // Issue 12: a turn's commands stand in for every recognizer, so a message the local recognizer gets wrong hid behind them.
    [Fact]
    public async Task Ignore_commands_reports_each_turn_the_recognizer_gets_wrong_without_its_commands_and_goes_on()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/audit.test.yaml", """
            name: audit
            cases:
              - name: commands
                turns:
                  - user: place an order
                    commands: [start_flow place_order]
                    asks: product
                  - user: zork blorp
                    commands: [set_slot product laptop]
                    asks: quantity
                  - user: "2"
                    asks: size
            """);
        var (line, column) = bot.Find("tests/audit.test.yaml", "asks: quantity");

        var plain = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "lexical");
        Assert.True(plain.Exit == 0, plain.Out);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "lexical", "--ignore-commands");

        Assert.Equal(1, exit);
        Assert.StartsWith("Understanding: lexical (no model); the tests' commands: ignored (audit)\n", output, StringComparison.Ordinal);
        Assert.Contains($"{bot.PathOf("tests/audit.test.yaml")}:{line}:{column}: without its commands [set_slot product laptop]: asks: expected the bot to wait for slot 'quantity', but it waits for slot 'product'", output);
        Assert.DoesNotContain("without its commands [start_flow place_order]", output); // the recognizer gets that one itself
        Assert.Contains("        user: 2\n", output); // the turn ran again with its commands, and the case went on
        Assert.Contains("Tests: 0 passed, 1 failed\nTurns with commands: 2, of which 1 fail without them\n", output);
        Assert.DoesNotContain("Turns with commands", plain.Out);
    }

    [Fact]
    public async Task Ignore_commands_with_recorded_answers_is_a_usage_error()
    {
        var (exit, _, err) = await CliHarness.RunAsync("", "test", CliHarness.SampleFolder, "--recognizer", "recorded", "--ignore-commands");

        Assert.Equal(2, exit);
        Assert.Contains("--ignore-commands audits a recognizer that runs", err);
    }

    // The author2 trial: tests/help.yaml (no ".test") was skipped without a word, and the run passed without its cases.
    [Theory]
    [InlineData("tests/help.yaml")]
    [InlineData("tests/help_test.yml")]
    [InlineData("tests/more/help.yaml")]
    public async Task A_test_file_not_named_test_yaml_fails_the_run_and_says_what_to_rename_it_to(string file)
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/order.test.yaml", "name: order\ncases:\n  - name: starts\n    turns:\n      - user: place an order\n        asks: product\n");
        Directory.CreateDirectory(Path.GetDirectoryName(bot.PathOf(file))!);
        bot.Write(file, "# yaml-language-server: $schema=../../schema/conversation-tests.schema.json\nname: help\ncases:\n  - name: help\n    turns:\n      - user: help\n");

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "scripted");

        Assert.Equal(1, exit);
        Assert.Contains("PASS  order > starts", output);
        Assert.Contains($"{bot.PathOf(file)}:1:1: error TST1010: this file has 'cases:' like a test file but is not named *.test.yaml, so its tests never run (rename it to help.test.yaml)", output);
        Assert.Contains("Tests: 1 passed, 1 failed", output);
    }

    // The author2 trial: "says:" with nothing after it failed the case with "expected response '', got [ask_product]".
    [Fact]
    public async Task An_expectation_left_empty_is_an_error_before_the_run_that_says_what_to_write()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/empty.test.yaml", "name: empty\ncases:\n  - name: starts\n    turns:\n      - user: place an order\n        says:\n        asks: product\n");
        var (line, column) = bot.Find("tests/empty.test.yaml", "says:");

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "scripted");

        Assert.Equal(1, exit);
        Assert.Contains($"{bot.PathOf("tests/empty.test.yaml")}:{line}:{column}: error TST1002: 'says' has no value: write the response id (says: ask_email), a list of them, or says: [] for a turn in which the bot says nothing", output);
        Assert.DoesNotContain("expected response ''", output);
    }

    // The author2 trial: a slip in a test file's YAML gave the parser's words only, as dialog files did.
    [Theory]
    [InlineData("      - user: place an order\n\t\tasks: product\n", "YAML indents with spaces only")]
    [InlineData("  - name: order: the first one\n", "the value contains ': ', which YAML reads as a new key: put the whole value in quotes: name: \"order: the first one\"")]
    public async Task A_yaml_slip_in_a_test_file_says_how_to_fix_it(string slip, string hint)
    {
        using var bot = new TempBot(withTests: false);
        var text = "name: slip\ncases:\n  - name: starts\n    turns:\n      - user: place an order\n        asks: product\n";
        bot.Write("tests/slip.test.yaml", slip.StartsWith("  - name", StringComparison.Ordinal) ? text.Replace("  - name: starts\n", slip, StringComparison.Ordinal) : text.Replace("      - user: place an order\n        asks: product\n", slip, StringComparison.Ordinal));

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "scripted");

        Assert.Equal(1, exit);
        Assert.Contains("error TST1001: the file is not valid YAML: ", output);
        Assert.Contains(hint, output);
    }

    [Fact]
    public async Task Yaml_files_without_cases_below_the_bot_are_left_alone()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/order.test.yaml", "name: order\ncases:\n  - name: starts\n    turns:\n      - user: place an order\n        asks: product\n");
        bot.Write("tests/payloads.yaml", "order_shipped: { orderNumber: AB12345 }\n");

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "scripted");

        Assert.True(exit == 0, output);
        Assert.Contains("Tests: 1 passed, 0 failed", output);
    }

    [Fact]
    public async Task A_test_file_saved_as_latin1_fails_at_the_first_byte_that_is_not_utf8()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/umlaut.test.yaml", "name: umlaut\ncases:\n  - name: a\n    turns:\n      - user: hallo\n");
        File.WriteAllBytes(bot.PathOf("tests/umlaut.test.yaml"), System.Text.Encoding.Latin1.GetBytes("name: umlaut\ncases:\n  - name: a\n    turns:\n      - user: h\u00e4llo\n"));

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "scripted");

        Assert.Equal(1, exit);
        Assert.Contains($"{bot.PathOf("tests/umlaut.test.yaml")}:5:16: error TST1001: the file is not UTF-8 text here (byte 0xE4); save it as UTF-8", output);
        Assert.Contains("Tests: 0 passed, 1 failed", output);
    }

    [Fact]
    public async Task Junit_xml_is_well_formed_with_the_right_counts()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/failing.test.yaml", FailingTest);
        var junit = bot.PathOf("results.xml");

        var (exit, _, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--junit", junit);

        Assert.Equal(1, exit);
        var doc = XDocument.Load(junit);
        var suite = Assert.Single(doc.Root!.Elements("testsuite"));
        Assert.Equal("failing", (string?)suite.Attribute("name"));
        Assert.Equal("2", (string?)suite.Attribute("tests"));
        Assert.Equal("1", (string?)suite.Attribute("failures"));
        var failure = Assert.Single(suite.Descendants("failure"));
        Assert.Equal("wrong response", (string?)failure.Parent!.Attribute("name"));
        Assert.Contains("says: expected response 'ask_product'", (string?)failure.Attribute("message"));
        Assert.Contains("transcript:", failure.Value);
    }

    [Fact]
    public async Task Filter_runs_only_matching_cases()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/failing.test.yaml", FailingTest);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--filter", "passes");

        Assert.Equal(0, exit);
        Assert.Contains("Tests: 1 passed, 0 failed", output);
    }

    [Fact]
    public async Task A_broken_test_file_fails_with_positions()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/broken.test.yaml", """
            name: broken
            cases:
              - name: typo
                turns:
                  - user: hi
                    sayz: welcome
                  - user: hi
                    commands: [start_flw order_status]
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains(":6:9: error TST1007: unknown key 'sayz' in a turn (did you mean 'says'?)", output);
        Assert.Contains(":8:20: error TST1006: unknown command 'start_flw'", output);
    }

    // author17: "now: 07.12.2026" was read as July 12, so every date in the file's cases was off by months and the
    // failures pointed at the expectations, not at the clock.
    [Theory]
    [InlineData("07.12.2026")]
    [InlineData("12/07/2026 09:00")]
    public async Task A_now_not_written_year_first_is_an_error_at_its_position(string written)
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/clock.test.yaml", $"""
            name: clock
            now: {written}
            cases:
              - name: hello
                turns:
                  - user: hi
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains($"clock.test.yaml:2:6: error TST1003: 'now' must be an ISO date-time, year first, such as 2026-03-01T10:00:00Z, not '{written}'", output);
    }

    [Fact]
    public async Task A_misspelt_key_fails_its_case_with_a_suggestion_and_the_other_cases_still_run()
    {
        // One slip in one case used to fail the whole file, and no case of it ran or reported.
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/two.test.yaml", """
            name: two
            cases:
              - name: typo
                turns:
                  - user: hi
                    expct: welcome
              - name: user typo
                turns:
                  - usr: hi
              - name: fine
                turns:
                  - user: where is my order
                    flow_started: order_status
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "lexical");

        Assert.Equal(1, exit);
        Assert.Contains("two.test.yaml:6:9: error TST1007: unknown key 'expct' in a turn (expectations are keys of the turn itself: says, asks, slots, buttons, …)", output);
        Assert.Contains("two.test.yaml:9:9: error TST1007: unknown key 'usr' in a turn (did you mean 'user'?)", output);
        Assert.Contains("FAIL  two > typo", output);
        Assert.Contains("FAIL  two > user typo", output);
        Assert.Contains("PASS  two > fine", output);
        Assert.Contains("Tests: 1 passed, 2 failed", output);
    }

    // The author5 trial wrote a mock's answer as "response:", as mock servers call it; "allowed: service, method, …"
    // did not say which of them it was.
    [Theory]
    [InlineData("response", "body")]
    [InlineData("status_code", "status")]
    [InlineData("url", "path")]
    public async Task A_mock_key_named_as_mock_servers_name_it_suggests_ours(string written, string meant)
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/mocks.test.yaml", $$"""
            name: mocks
            mocks:
              - service: orders
                {{written}}: x
            cases:
              - name: one
                turns:
                  - user: hi
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains($":4:5: error TST1007: unknown key '{written}' in a mock (did you mean '{meant}'?)", output);
    }

    [Fact]
    public async Task Misspelt_names_in_a_test_file_are_reported_with_did_you_mean()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/typos.test.yaml", """
            name: typos
            mocks:
              - service: order
                path: /orders/*
            cases:
              - name: typos
                language: fr
                turns:
                  - user: place an order
                    says: ask_prodcut
                    asks: prodcut
                    flow_started: place_ordr
                    pattern: hepl
                    slots: { quantiy: 2 }
                  - user: "2"
                    says: [ask_product, ask_prodct]
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        // Each error points at the misspelt name, not at the key before it (issue 12: authors go to file:line:col).
        Assert.Equal(1, exit);
        Assert.Contains(":16:29: error TST2001: unknown response 'ask_prodct' (did you mean 'ask_product'?)", output);
        Assert.Contains(":3:14: error TST2001: unknown service 'order' (did you mean 'orders'?)", output);
        Assert.Contains(":7:15: error TST2001: unknown language 'fr'", output);
        Assert.Contains(":10:15: error TST2001: unknown response 'ask_prodcut' (did you mean 'ask_product'?)", output);
        Assert.Contains(":11:15: error TST2001: unknown slot 'prodcut' (did you mean 'product'?)", output);
        Assert.Contains(":12:23: error TST2001: unknown flow 'place_ordr' (did you mean 'place_order'?)", output);
        Assert.Contains(":13:18: error TST2001: unknown pattern 'hepl' (did you mean 'help'?)", output);
        Assert.Contains(":14:18: error TST2001: unknown slot 'quantiy' (did you mean 'quantity'?)", output);
        Assert.Contains("Tests: 0 passed, 1 failed", output);
    }

    [Fact]
    public async Task A_test_file_given_instead_of_the_folder_runs_that_file_against_its_bot()
    {
        // The author4 trial: "chatbot test samples/library/tests/lost_card.test.yaml" said "give the folder that holds the
        // bot's files, samples/library/tests" — a folder without the bot.
        using var bot = new TempBot(withTests: true);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.PathOf(Path.Combine("tests", "small_talk.test.yaml")), "--recognizer", "scripted");

        Assert.True(exit == 0, output);
        Assert.Contains("PASS  small talk", output);
        Assert.DoesNotContain("order status", output);
        Assert.Matches(@"Tests: [1-9]\d* passed, 0 failed", output);
    }

    [Fact]
    public async Task A_message_written_under_another_key_is_one_error_that_names_user()
    {
        // The author4 trial: "say: north" for "user: north" was "did you mean 'says'?" and "a turn needs exactly one of …".
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/say.test.yaml", """
            name: say
            cases:
              - name: say
                turns:
                  - user: place an order
                  - say: laptop
                    asks: quantity
                  - txt: "2"
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains(":6:9: error TST1007: unknown key 'say' in a turn (what the user types is 'user: text'; 'says' is what the bot answers)", output);
        Assert.Contains(":8:9: error TST1007: unknown key 'txt' in a turn", output);
        Assert.DoesNotContain("TST1005", output);
    }

    [Fact]
    public async Task A_pattern_named_where_its_reply_belongs_says_which_response_to_expect()
    {
        // The author4 trial: the cancel pattern's reply is the response 'cancelled', and out_of_range is asserted by its
        // response, not by pattern: — both were a bare "unknown response/pattern" with no way to find the right name.
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/patterns.test.yaml", """
            name: patterns
            cases:
              - name: names
                turns:
                  - user: place an order
                    says: cancel
                    pattern: [out_of_range, cancel]
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains(":6:15: error TST2001: unknown response 'cancel' (the cancel pattern's reply is the response 'cancelled': says: cancelled, or pattern: cancel)", output);
        Assert.Contains(":7:19: error TST2001: unknown pattern 'out_of_range' (the trace records no pattern 'out_of_range'; its reply is the response 'out_of_range': says: out_of_range)", output);
        Assert.DoesNotContain("unknown pattern 'cancel'", output);
    }

    [Fact]
    public async Task A_throwing_recognizer_fails_only_its_case()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/fault.test.yaml", """
            name: fault
            cases:
              - name: broken recognizer
                turns:
                  - user: could I get one of your gadgets
                    asks: product
              - name: still runs
                turns:
                  - start: true
                    says: welcome
            """);
        var runner = new Dialogs.Testing.ConversationTestRunner(new Dialogs.Testing.ConversationTestOptions { Recognizer = () => new ThrowingUnderstanding() });
        var compiled = Dialogs.Parsing.DialogLoader.LoadFolder(bot.Folder).Bot!;

        var report = await runner.RunFileAsync(compiled, bot.PathOf("tests/fault.test.yaml"), File.ReadAllText(bot.PathOf("tests/fault.test.yaml")), CancellationToken.None);

        // The engine turns a throwing recognizer into cannot-handle, so the case fails on its expectation, not with a crash.
        Assert.Equal(2, report.Cases.Count);
        Assert.False(report.Cases[0].Passed);
        Assert.Contains("asks: expected the bot to wait for slot 'product'", report.Cases[0].Failures[0].Message);
        Assert.True(report.Cases[1].Passed);
    }

    private sealed class ThrowingUnderstanding : IUnderstanding
    {
        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("recognizer broke");
    }

    [Fact]
    public async Task An_http_call_without_a_mock_fails_the_turn()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/unmocked.test.yaml", """
            name: unmocked
            cases:
              - name: lookup
                turns:
                  - user: where is my order
                  - user: AB12345
            """);

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder);

        Assert.Equal(1, exit);
        Assert.Contains("no mock matches the call 'GET orders /orders/AB12345'", output);
    }

    [Fact]
    public async Task Record_without_a_live_recognizer_is_a_usage_error()
    {
        var (exit, _, error) = await CliHarness.RunAsync("", "test", CliHarness.SampleFolder, "--recognizer", "recorded", "--record");

        Assert.Equal(2, exit);
        Assert.Contains("need a live model recognizer", error);
    }

    [Fact]
    public async Task Recorded_mode_replays_the_cassette_and_detects_a_changed_prompt()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/order.test.yaml", """
            name: order
            now: 2026-03-01T10:00:00Z
            cases:
              - name: by words
                turns:
                  - user: I need a new laptop for work
                    flow_started: place_order
                    slots: { product: laptop }
                    asks: quantity
            """);
        var model = new FakeModel();
        var settings = new CliAppSettings(model);

        var recorded = await CliHarness.RunAsync(settings, "", "test", bot.Folder, "--recognizer", "recorded", "--record");
        Assert.True(recorded.Exit == 0, recorded.Out);
        Assert.Equal(1, model.Calls);
        Assert.True(File.Exists(bot.PathOf("tests/order.cassette.json")));

        // Replay needs no model at all (as in CI).
        var replayed = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "recorded", "--model", "test-model");
        Assert.True(replayed.Exit == 0, replayed.Out);
        Assert.Equal(1, model.Calls);

        // The prompt carries the flows' descriptions: changing one changes the prompt.
        bot.Replace("orders.yaml", "description: Order a laptop, phone or tablet", "description: Buy a laptop, phone or tablet");
        var changed = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "recorded", "--model", "test-model");
        Assert.Equal(1, changed.Exit);
        Assert.Contains("order.test.yaml:6:9: re-record needed", changed.Out);

        // A different model is a different key too.
        var otherModel = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "recorded", "--model", "other-model");
        Assert.Contains("re-record needed", otherModel.Out);
    }

    [Fact]
    public async Task Live_mode_needs_the_minimum_number_of_passing_runs()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/order.test.yaml", """
            name: order
            cases:
              - name: by words
                turns:
                  - user: I need a new laptop for work
                    flow_started: place_order
            """);
        // A flaky model: understands every other call.
        var settings = new CliAppSettings(new FakeModel(flaky: true));

        var lenient = await CliHarness.RunAsync(settings, "", "test", bot.Folder, "--recognizer", "live", "--runs", "4", "--min-pass", "2");
        Assert.True(lenient.Exit == 0, lenient.Out);
        Assert.Contains("(2/4 runs passed)", lenient.Out);

        var strict = await CliHarness.RunAsync(settings with { Model = new FakeModel(flaky: true) }, "", "test", bot.Folder, "--recognizer", "live", "--runs", "4", "--min-pass", "3");
        Assert.Equal(1, strict.Exit);
        Assert.Contains("passed 2 of 4 runs, needs 3", strict.Out);
    }

    [Fact]
    public async Task Live_mode_can_use_a_recognizer_instead_of_a_model()
    {
        var counting = new CountingUnderstanding(new KeywordRecognizer());
        var settings = new CliAppSettings(Live: () => counting);

        var (exit, output, _) = await CliHarness.RunAsync(settings, "", "test", CliHarness.SampleFolder, "--recognizer", "live", "--runs", "2", "--min-pass", "2", "--filter", "wrong order number");

        Assert.True(exit == 0, output);
        Assert.True(counting.Calls > 0);
        Assert.Contains("(2/2 runs passed)", output);
    }

    [Fact]
    public async Task A_corrupt_cassette_is_reported_not_thrown()
    {
        using var bot = new TempBot(withTests: false);
        bot.Write("tests/order.test.yaml", "name: order\ncases:\n  - name: a\n    turns:\n      - user: hi\n");
        bot.Write("tests/order.cassette.json", "[1, 2]");

        var (exit, output, _) = await CliHarness.RunAsync("", "test", bot.Folder, "--recognizer", "recorded");

        Assert.Equal(1, exit);
        Assert.Contains("error TST1008: the cassette", output);
    }

    [Fact]
    public async Task Min_pass_above_runs_is_a_usage_error()
    {
        var (exit, _, error) = await CliHarness.RunAsync(new CliAppSettings(new FakeModel()), "", "test", CliHarness.SampleFolder, "--recognizer", "live", "--runs", "2", "--min-pass", "3");

        Assert.Equal(2, exit);
        Assert.Contains("--min-pass is at most --runs", error);
    }

    private sealed class CountingUnderstanding(IUnderstanding inner) : IUnderstanding
    {
        public int Calls { get; private set; }

        public ValueTask<UnderstandingResult> UnderstandAsync(UnderstandingRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.UnderstandAsync(request, cancellationToken);
        }
    }
}
