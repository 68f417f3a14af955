namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// The author2 trial: a text written without the quotes an expression needs was "unknown slot 'normal'" with no word on
/// what to write instead — for a default (<c>set: { priority: "normal" }</c>, whose quotes YAML takes), an enum value in
/// a condition (<c>priority == high</c>), an empty test (<c>priority != null</c>) — and <c>&amp;&amp;</c> was "unexpected character '&amp;'".
/// </summary>
public sealed class ExpressionHintTests
{
    private const string Bot = """
        slot_types:
          ticket_priority:
            kind: enum
            values:
              low: { synonyms: [low] }
              normal: { synonyms: [normal] }
              high: { synonyms: [high, urgent] }
        flows:
          open_ticket:
            examples: [open a ticket]
            slots:
              priority: ticket_priority
              category: text
            steps:
              - ask: category
                response: ask
              - branch:
                  - if: priority is set
                    goto: done
              - set: { priority: '"normal"' }
              - id: done
                end: done
        responses:
          ask: What is it about?
          done: Done.
        """;

    private static Diagnostics.Diagnostic Unknown(string find, string replace, string id = "DLG2003")
    {
        var yaml = TestBots.Edit(Bot, find, replace);
        return TestBots.Single(TestBots.Load(yaml), id);
    }

    [Fact]
    public void The_unchanged_bot_loads()
    {
        var result = TestBots.Load(Bot);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void A_default_whose_quotes_yaml_took_says_to_quote_the_expression_too()
    {
        var d = Unknown("- set: { priority: '\"normal\"' }", "- set: { priority: \"normal\" }");

        Assert.Equal("unknown slot 'normal' in flow 'open_ticket'", d.Message);
        Assert.Equal("'normal' is a value of slot type 'ticket_priority', not a slot: a text is written in quotes, '\"normal\"' (YAML takes the outer quotes of a value, so quote the expression too)", d.Help);
    }

    [Fact]
    public void An_enum_value_without_quotes_in_a_condition_says_to_quote_it()
    {
        var d = Unknown("if: priority is set", "if: priority == high");

        Assert.Equal("'high' is a value of slot type 'ticket_priority', not a slot: a text is written in quotes, \"high\"", d.Help);
    }

    [Fact]
    public void A_word_that_is_no_slot_and_no_value_is_offered_as_a_text_in_quotes()
    {
        var d = Unknown("if: priority is set", "if: category == printer");

        Assert.Equal("if 'printer' is meant as a text, write it in quotes: \"printer\"", d.Help);
    }

    [Fact]
    public void A_slot_name_with_a_typo_still_gets_did_you_mean()
    {
        var d = Unknown("if: priority is set", "if: priorty is set");

        Assert.Equal("did you mean 'priority'?", d.Help);
    }

    [Fact]
    public void A_test_for_null_says_how_to_test_for_no_value()
    {
        var d = Unknown("if: priority is set", "if: priority != null");

        Assert.Equal("a slot without a value is tested with 'is not set' (or 'is set'): if: priority is not set", d.Help);
    }

    [Theory]
    [InlineData("if: priority is set && category is set", "write 'and'")]
    [InlineData("if: priority is set || category is set", "write 'or'")]
    [InlineData("if: \"{{ priority }} == 'high'\"", "without braces")]
    // The author4 trial: "min: today + 1 day" was "unexpected 'day'".
    [InlineData("if: today + 2 weeks > today", "unexpected 'weeks': a duration is its number glued to a unit (s, m, h, d, w), 2w")]
    [InlineData("if: now - 90 min < now", "90m")]
    [InlineData("if: today + 1 month > today", "durations have no months or years")]
    // The citywaste trial: "min: today + 3 working days" was "unexpected 'working'".
    [InlineData("if: today + 3 working days > today", "unexpected 'working': no duration counts working days; write calendar days glued to the number (3d) and check the day with weekday(x) in a validation rule")]
    [InlineData("if: today + 3 Werktage > today", "no duration counts working days")]
    public void Operators_from_other_languages_say_which_word_to_write(string condition, string hint)
    {
        var d = Unknown("if: priority is set", condition, "DLG2007");

        Assert.Contains(hint, d.Message, StringComparison.Ordinal);
    }

    // The buergeramt trial: a German author wrote the words of the rule in German.
    [Theory]
    [InlineData("if: priority is set und category is set", "DLG2007", "expression 'priority is set und category is set' does not parse: unexpected 'und': expressions are written with English words: 'and' for 'und'")]
    [InlineData("if: wochentag(today) < 6", "DLG2008", "expression 'wochentag(today) < 6' is not well typed: unknown function 'wochentag': expressions are written with English words: 'weekday' for 'wochentag'")]
    public void German_words_in_an_expression_name_their_English_ones(string condition, string id, string message)
    {
        var d = Unknown("if: priority is set", condition, id);

        Assert.Equal(message, d.Message);
    }

    [Fact]
    public void Heute_is_no_slot_and_the_help_says_today()
    {
        var d = Unknown("if: priority is set", "if: heute > today");

        Assert.Equal("expressions are written with English words: 'today' for 'heute'", d.Help);
    }

    [Fact]
    public void Heute_in_a_bound_says_today_not_that_bounds_read_no_slots()
    {
        var yaml = Bot.Replace("slot_types:\n", "slot_types:\n  tag_typ: { kind: date, min: heute + 1d }\n", StringComparison.Ordinal);
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2008");

        Assert.Equal("expression 'heute + 1d' is not well typed: 'min' of a slot type reads no slot 'heute': expressions are written with English words: 'today' for 'heute'", d.Message);
    }
}
