using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>Authoring mistakes with file slots, each at its file:line:col.</summary>
public sealed class FileSlotValidationTests
{
    private const string Flow = """
        flows:
          f:
            description: f
            examples: { en: [f] }
            slots: { receipt: receipt_file }
            steps:
              - ask: receipt
                response: ask
        responses:
          ask: { text: { en: "Attach it ({{ accepted.types }})." } }
        slot_types:

        """;

    [Theory]
    [InlineData("  receipt_file: { kind: file, accept: [pdf] }", "pdf", "invalid 'accept' 'pdf' on file slot type 'receipt_file': write a content type such as application/pdf, or a family such as image/*")]
    [InlineData("  receipt_file: { kind: file, accept: [\"*/*\"] }", "\"*/*\"", "invalid 'accept' '*/*' on file slot type 'receipt_file': write a content type such as application/pdf, or a family such as image/*")]
    [InlineData("  receipt_file: { kind: file, max_size: 5 parsecs }", "5 parsecs", "invalid 'max_size' '5 parsecs' on file slot type 'receipt_file': write a size from 1 byte to 1000 GB such as 5MB, 200KB or 1048576 (bytes)")]
    [InlineData("  receipt_file: { kind: file, max_size: 0 }", "0 }", "invalid 'max_size' '0' on file slot type 'receipt_file': write a size from 1 byte to 1000 GB such as 5MB, 200KB or 1048576 (bytes)")]
    public void Bad_file_options_are_errors_at_their_position(string type, string at, string message)
    {
        var yaml = Flow + type + "\n";
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1021");
        Assert.Equal((DiagnosticSeverity.Error, TestBots.Position(yaml, at), message), (d.Severity, (d.Line, d.Column), d.Message));
    }

    [Fact]
    public void File_options_on_another_kind_are_warned_about()
    {
        var yaml = Flow.Replace("{{ accepted.types }}", "x", StringComparison.Ordinal) + "  receipt_file: { kind: text, accept: [image/*] }\n";
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1020");
        Assert.Equal("'accept' has no effect on slot type 'receipt_file' of kind text; 'accept' applies to the kinds file", d.Message);
    }

    [Fact]
    public void A_file_slot_in_a_form_is_an_error_cards_have_no_file_input()
    {
        var yaml = """
            flows:
              f:
                description: f
                examples: { en: [f] }
                slots: { receipt: file, name: text }
                steps:
                  - ask: name
                    response: form
                  - ask: receipt
                    response: ask
            responses:
              ask: { text: { en: Attach it. } }
              form:
                text: { en: Tell me }
                form:
                  fields:
                    - slot: name
                    - slot: receipt

            """;
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2091");
        var (line, column) = TestBots.Position(yaml, "- slot: receipt");
        Assert.Equal((line, column + "- slot: ".Length), (d.Line, d.Column));
        Assert.Contains("whose type 'file' is file: a card has no input for it; ask for this slot in its own step, where the user attaches the file", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_member_of_a_file_and_the_accepted_role_outside_a_file_ask_are_errors()
    {
        var yaml = """
            flows:
              f:
                description: f
                examples: { en: [f] }
                slots: { receipt: file, name: text }
                steps:
                  - ask: receipt
                    response: ask
                  - ask: name
                    response: ask_name
                  - end: done
            responses:
              ask: { text: { en: Attach it. } }
              ask_name: { text: { en: "Name? (not {{ accepted.types }})" } }
              done: { text: { en: "Got {{ receipt.bytes }}." } }

            """;
        var result = TestBots.Load(yaml);
        Assert.Contains(result.Diagnostics, d => d.Id == "DLG2038" && d.Message.Contains("'{{ accepted.types }}' in response 'ask_name'", StringComparison.Ordinal));
        var member = Assert.Single(result.Diagnostics, d => d.Message.Contains("receipt.bytes", StringComparison.Ordinal));
        Assert.Contains("a file has name, content_type, size, url, id", member.Help ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_in_an_http_body_must_be_one_a_file_has()
    {
        var yaml = """
            services:
              claims: { base_url: "https://claims.example" }
            flows:
              f:
                description: f
                examples: { en: [f] }
                slots: { receipt: file, name: text }
                steps:
                  - ask: receipt
                    response: ask
                  - http: claims
                    method: POST
                    path: /claims
                    body: { link: "{{ receipt.url }}", bad: "{{ name.url }}" }
            responses:
              ask: { text: { en: Attach it. } }

            """;
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2003");
        Assert.Equal("unknown slot 'name.url' in flow 'f'", d.Message);
    }
}
