using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Runtime;

public sealed class TemplateTests
{
    private static string Render(string text, Dictionary<string, string> values) =>
        Template.Parse(text).Render(p => Template.ApplyCase(values.GetValueOrDefault(p.Name), p.Filters));

    [Theory]
    [InlineData("Pickup {{#if time}}at {{ time }}{{else}}as soon as possible{{/if}}.", "Pickup at 19:30.")]
    [InlineData("Pickup {{#if none}}at {{ none }}{{else}}as soon as possible{{/if}}.", "Pickup as soon as possible.")]
    [InlineData("Thanks{{#if name}}, {{ name }}{{/if}}!", "Thanks, Ann!")]
    [InlineData("Thanks{{#if none}}, {{ none }}{{/if}}!", "Thanks!")]
    [InlineData("{{#if name}}{{#if none}}both{{else}}only {{ name | upper }}{{/if}}{{/if}}", "only ANN")]
    [InlineData("{{ name|lower }} / {{name | upper}}", "ann / ANN")]
    [InlineData("Back to {{ flow.label }}.", "Back to your order.")]
    [InlineData("no placeholders at all", "no placeholders at all")]
    public void Renders_placeholders_filters_and_optional_text(string text, string expected) =>
        Assert.Equal(expected, Render(text, new() { ["time"] = "19:30", ["name"] = "Ann", ["flow.label"] = "your order", ["none"] = "" }));

    [Fact]
    public void Lists_what_it_reads_with_filters_and_conditions()
    {
        var template = Template.Parse("{{#if eta}}on {{ eta | date | upper }}{{/if}} {{ flow.label }}");
        Assert.Equal(
            [("eta", "", true), ("eta", "date,upper", false), ("flow.label", "", false)],
            template.References.Select(r => (r.Name, string.Join(",", r.Filters), r.InCondition)));
        Assert.Equal(("flow", "label"), (template.References[2].Root, template.References[2].Member));
        Assert.Equal(["eta", "flow.label"], Template.Placeholders("{{#if eta}}on {{ eta | date | upper }}{{/if}} {{ flow.label }}"));
    }

    [Theory]
    [InlineData("{{#if eta}}on {{ eta }}", "'{{#if …}}' is not closed with '{{/if}}'", 0)]
    [InlineData("on {{ eta }}{{/if}}", "'{{/if}}' without an open '{{#if …}}'", 12)]
    [InlineData("x {{else}} y", "'{{else}}' without an open '{{#if …}}'", 2)]
    [InlineData("Hi {{ first name }}", "'{{ first name }}' is not a placeholder; write {{ slot }} or {{ slot | filter }}", 3)]
    [InlineData("Hi {{ name | }}", "'{{ name | }}' is not a placeholder; write {{ slot }} or {{ slot | filter }}", 3)]
    [InlineData("Hi {{#unless name}}x{{/if}}", "'{{#unless name}}' is not a condition; write {{#if name}}…{{/if}}", 3)]
    [InlineData("Hi {{ name", "'{{' is not closed with '}}'", 3)]
    public void Syntax_errors_say_what_to_write_and_where(string text, string message, int offset)
    {
        var error = Template.Parse(text).Errors[0];
        Assert.Equal((message, offset), (error.Message, error.Offset));
    }
}
