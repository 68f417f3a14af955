using Chatbot.Dialogs.Parsing;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Parsing;

/// <summary>
/// The author2 trial: every YAML slip in a one-file bot (the clinic's layout) was reported as the parser's words ("While
/// parsing a block mapping, did not find expected key.") under a first error "no 'bot:' settings found" at 1:1 — the bot
/// section was there, in the file that did not parse.
/// </summary>
public sealed class YamlSyntaxHintsTests
{
    private const string Bot = """
        bot:
          id: helpdesk
          name: Helpdesk
          languages: [en]
        flows:
          open_ticket:
            description: Open a ticket
            examples: [open a ticket]
            slots: { description: text, priority: text }
            steps:
              - ask: description
                response: ask_description
              - branch:
                  - if: priority is set
                    goto: done
              - id: done
                end: created
        responses:
          ask_description:
            text: Please describe the problem.
          created:
            text: Your ticket is open.
        """;

    private static LoadResult LoadEdited(string find, string replace) =>
        DialogLoader.LoadTexts([new("bot.yaml", TestBots.Edit(Bot, find, replace))]);

    [Theory]
    [InlineData("      - ask: description\n        response: ask_description", "      - ask: description\n\t\tresponse: ask_description", "tab")]
    [InlineData("      - ask: description\n        response: ask_description", "      - ask: description\n      response: ask_description", "'- '")]
    [InlineData("      - ask: description\n", "      -ask: description\n", "a space after the '-': write '- ask: description'")]
    [InlineData("    text: Please describe the problem.", "    text: Problem: please describe it.", "put the whole value in quotes: text: \"Problem: please describe it.\"")]
    [InlineData("    text: Please describe the problem.", "    text: \"Please describe\" the problem.", "put the whole value in quotes, text: '\"Please describe\" the problem.'")]
    [InlineData("    text: Please describe the problem.", "    text: 'We'll need a description'", "text: \"We'll need a description\"")]
    [InlineData("    text: Please describe the problem.", "    text: *Please* describe the problem.", "must be in quotes")]
    [InlineData("          - if: priority is set", "          - if: {{ priority }} == \"high\"", "a condition names slots without braces")]
    [InlineData("        response: ask_description", "        response ask_description", "put a ':' and a space after the key")]
    [InlineData("    description: Open a ticket", "      description: Open a ticket", "indentation of line")]
    [InlineData("    slots: { description: text, priority: text }", "      slots: { description: text, priority: text }", "indentation of line")]
    // The author4 trial: a ': ' inside a text of a one-line '{ … }' was blamed on the indentation of the line, and a
    // regex pattern in double quotes got only the parser's "found unknown escape character".
    [InlineData("    text: Please describe the problem.", "    text: { en: Please describe it (for example: printer jammed) }", "inside '{ … }' a text with ': ' must be in quotes: en: \"Please describe it (for example: printer jammed)\"")]
    [InlineData("    text: Please describe the problem.", "    text: { en: \"Describe it.\", de: Beschreiben Sie es (Beispiel: Drucker) }", "must be in quotes: de: \"Beschreiben Sie es (Beispiel: Drucker)\"")]
    [InlineData("    text: Please describe the problem.", "    text: \"Ticket numbers look like T\\d{6}\"", "write the value in single quotes, where a backslash is just a backslash, text: 'Ticket numbers look like T\\d{6}'")]
    public void A_yaml_slip_in_a_one_file_bot_is_one_error_that_says_how_to_fix_it(string find, string replace, string hint)
    {
        var result = LoadEdited(find, replace);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("DLG1001", d.Id);
        Assert.True(d.Line > 1, d.ToString());
        Assert.NotNull(d.Help);
        Assert.Contains(hint, d.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tab_is_shown_at_the_tab_not_at_the_line_above()
    {
        // The author9 trial: the parser stopped at "- ask: description" and the error pointed there, a line above the tab.
        var yaml = TestBots.Edit(Bot, "      - ask: description\n        response: ask_description", "      - ask: description\n    \tresponse: ask_description");
        var d = Assert.Single(DialogLoader.LoadTexts([new("bot.yaml", yaml)]).Diagnostics);

        var tabLine = yaml[..yaml.IndexOf('\t', StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        Assert.Equal((tabLine, 5), (d.Line, d.Column));
    }

    [Fact]
    public void The_unchanged_bot_loads()
    {
        var result = DialogLoader.LoadTexts([new("bot.yaml", Bot)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void A_folder_whose_files_all_parse_but_lack_a_bot_section_still_says_so()
    {
        var result = DialogLoader.LoadTexts([new("bot.yaml", Bot.Replace("bot:\n  id: helpdesk\n  name: Helpdesk\n  languages: [en]\n", "", StringComparison.Ordinal))]);

        Assert.Equal("DLG1009", Assert.Single(result.Diagnostics).Id);
    }
}
