namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// Slips author15 made writing the parcel bot from the guide alone: each error says where, what is wrong and what to
/// write instead.
/// </summary>
public sealed class ParcelAuthorSlipTests
{
    private const string Bot = """
        slot_types:
          postleitzahl: { kind: regex, pattern: '\d{5}' }
        flows:
          address:
            description: Ask the new address
            routable: false
            slots: { strasse: text, plz: postleitzahl, ort: text }
            inputs: [ort]
            outputs: [strasse, plz, ort]
            steps:
              - ask: strasse
                response: ask_street
              - ask: plz
                response: ask_postcode
              - ask: ort
                response: ask_city
          change_address:
            description: Change the delivery address
            examples: { en: [change the delivery address] }
            slots: { strasse: text, plz: postleitzahl, ort: text, day: date }
            steps:
              - call: address
                inputs: { ort: '"Berlin"' }
                outputs: { strasse: strasse, plz: plz, ort: ort }
              - ask: day
                response: ask_day
                validation:
                  - rule: weekday(day) != 7
                    message: no_sunday
              - confirm: confirm_address
                interruptions: [cancel, help]
        responses:
          ask_street: Street and number?
          ask_postcode: Postcode?
          ask_city: City?
          ask_day: Which day?
          no_sunday: Not on a Sunday.
          confirm_address: "{{ strasse }}, {{ plz }} {{ ort }} on {{ day }}?"
        """;

    [Fact]
    public void The_bot_as_written_is_valid() => Assert.True(TestBots.Load(Bot).Succeeded);

    [Theory]
    [InlineData("plz: plz, ort", "plz: postleitzahl, ort", "postleitzahl", "postleitzahl, ort: ort", "did you mean 'plz'? its outputs: strasse, plz, ort")]
    [InlineData("strasse: strasse, plz", "strasse: strase, plz", "strase", "strase, plz", "did you mean 'strasse'? its outputs: strasse, plz, ort")]
    [InlineData("ort: ort }", "ort: stadt }", "stadt", "stadt }", "its outputs: strasse, plz, ort")]
    public void A_call_output_the_sub_flow_does_not_declare_names_those_it_does(string find, string replace, string wrong, string at, string help)
    {
        var yaml = TestBots.Edit(Bot, find, replace);
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2015");

        Assert.Equal($"call to 'address' maps '{wrong}', which is not declared in that flow's outputs", d.Message);
        Assert.Equal(help, d.Help);
        Assert.Equal(TestBots.Position(yaml, at), (d.Line, d.Column));
    }

    [Fact]
    public void A_call_input_the_sub_flow_does_not_declare_names_those_it_does()
    {
        var d = TestBots.Single(TestBots.Load(TestBots.Edit(Bot, "inputs: { ort:", "inputs: { stadt:")), "DLG2015");

        Assert.Equal("its inputs: ort", d.Help);
    }

    [Theory]
    [InlineData("alle", "did you mean 'all'? write 'interruptions: all'")]
    [InlineData("keine", "did you mean 'none'? write 'interruptions: none'")]
    [InlineData("nnoe", "did you mean 'none'? write 'interruptions: none'")]
    public void Interruptions_in_the_authors_words_suggest_all_or_none(string written, string help)
    {
        var yaml = TestBots.Edit(Bot, "interruptions: [cancel, help]", "interruptions: " + written);
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2022");

        Assert.Equal(help, d.Help);
        Assert.Equal(TestBots.Position(yaml, written + "\n"), (d.Line, d.Column));
    }

    [Fact]
    public void A_weekday_compared_with_a_day_name_says_weekdays_are_numbers()
    {
        var yaml = TestBots.Edit(Bot, "weekday(day) != 7", "weekday(day) != \"Sonntag\"");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2008");

        Assert.Contains("weekday(…) is a number, Monday 1 to Sunday 7, not a name like \"Sonntag\": write weekday(…) != 7", d.Message, StringComparison.Ordinal);
        Assert.Equal(TestBots.Position(yaml, "\"Sonntag\""), (d.Line, d.Column));
    }
}
