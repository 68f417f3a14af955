using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Parsing;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>
/// Red-team author input: broken copies of the sample bot that used to crash the loader (stack overflow), pass
/// silently, or point at 1:1 instead of the problem. Each must be one short diagnostic at the right file:line.
/// </summary>
public sealed class HostileYamlTests
{
    private static Diagnostic Single(LoadResult result, string id)
    {
        Assert.False(result.Succeeded);
        var matches = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"expected one {id}, got:\n{string.Join("\n", result.Diagnostics)}");
        return matches[0];
    }

    [Theory]
    [InlineData("(", ")", 300)]
    [InlineData("not ", "", 300)]
    [InlineData("-", "", 300)]
    [InlineData("len(", ")", 300)]
    public void A_runaway_nested_condition_is_an_error_with_a_short_message_not_a_stack_overflow(string open, string close, int depth)
    {
        var condition = string.Concat(Enumerable.Repeat(open, depth)) + "status" + string.Concat(Enumerable.Repeat(close, depth));

        var result = Sample.LoadWith("orders.yaml", "if: status == \"shipped\"", $"if: {condition} == \"shipped\"");

        var d = Single(result, "DLG2007");
        Assert.Equal(Sample.Position("orders.yaml", "if: status == \"shipped\"").Line, d.Line);
        Assert.Contains("nested deeper than 50 levels", d.Message, StringComparison.Ordinal);
        Assert.True(d.Message.Length < 200, d.Message);
    }

    [Fact]
    public void A_condition_of_thousands_of_terms_is_an_error_not_a_stack_overflow()
    {
        var result = Sample.LoadWith("orders.yaml", "if: status == \"shipped\"", "if: len(status)" + string.Concat(Enumerable.Repeat(" + 1", 20_000)) + " == 3");

        Assert.Contains("too long (more than 1000 parts)", Single(result, "DLG2007").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditions_nested_as_deep_as_people_write_them_still_load()
    {
        var result = Sample.LoadWith("orders.yaml", "if: status == \"shipped\"", "if: " + new string('(', 40) + "status" + new string(')', 40) + " == \"shipped\"");

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Fact]
    public void Runaway_nested_ifs_in_a_response_are_one_error()
    {
        static string Nested(string inner) =>
            string.Concat(Enumerable.Repeat("{{#if status}}", 5000)) + inner + string.Concat(Enumerable.Repeat("{{/if}}", 5000));
        var result = Sample.LoadWith(
            "orders.yaml",
            "      en: \"Order {{ order_id }} is being prepared ({{ status }}).\"\n      de: \"Bestellung {{ order_id }} wird vorbereitet ({{ status }}).\"",
            $"      en: \"{Nested("Order {{ order_id }}")}\"\n      de: \"{Nested("Bestellung {{ order_id }}")}\"");

        var errors = result.Diagnostics.Where(d => d.Id == "DLG2035").ToList();
        Assert.Equal(2, errors.Count); // one per language
        Assert.All(errors, d => Assert.Contains("nested deeper than 20 levels", d.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("    description: Check the delivery status", "\tdescription: Check the delivery status")]
    [InlineData("max_attempts: 3\n        on_exhausted: order_id_given_up", "max_attempts: *nope\n        on_exhausted: order_id_given_up")]
    [InlineData("max_attempts: 3\n        on_exhausted: order_id_given_up", "max_attempts: [3\n        on_exhausted: order_id_given_up")]
    public void A_yaml_syntax_error_points_at_its_line_not_at_the_start_of_the_file(string find, string replace)
    {
        var line = Sample.Position("orders.yaml", find).Line;

        var d = Single(Sample.LoadWith("orders.yaml", find, replace), "DLG1001");

        Assert.Equal("dialogs/orders.yaml", d.File);
        Assert.True(d.Line >= line && d.Line <= line + 1, d.ToString());
    }

    /// <summary>The sample in a temporary folder with orders.yaml written as <paramref name="bytes"/>, loaded from disk.</summary>
    private static LoadResult LoadFolderWithOrders(Func<string, byte[]> bytes)
    {
        var folder = Directory.CreateTempSubdirectory("chatbot-hostile-yaml-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(Sample.Folder, "*.yaml")) File.Copy(file, Path.Combine(folder.FullName, Path.GetFileName(file)));
            var orders = Path.Combine(folder.FullName, "orders.yaml");
            File.WriteAllBytes(orders, bytes(File.ReadAllText(orders)));
            return DialogLoader.LoadFolder(folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_file_saved_as_latin1_is_an_error_at_the_first_byte_that_is_not_utf8()
    {
        var (line, column) = Sample.Position("orders.yaml", "Bestellstatus");

        var result = LoadFolderWithOrders(text => System.Text.Encoding.Latin1.GetBytes(text.Replace("Bestellstatus", "Bestellstätus", StringComparison.Ordinal)));

        var d = Single(result, "DLG1001");
        Assert.EndsWith("orders.yaml", d.File, StringComparison.Ordinal);
        Assert.Equal((line, column + "Bestellst".Length), (d.Line, d.Column));
        Assert.Contains("not UTF-8", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8 with BOM, CRLF")]
    [InlineData("utf-16 with BOM")]
    public void Files_with_a_byte_order_mark_or_windows_line_ends_load(string form)
    {
        var result = LoadFolderWithOrders(text => form.StartsWith("utf-8", StringComparison.Ordinal)
            ? [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal))]
            : [.. System.Text.Encoding.Unicode.GetPreamble(), .. System.Text.Encoding.Unicode.GetBytes(text)]);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData("path: \"/orders/{{ order_id \"")]
    [InlineData("path: \"/orders/{{ (order_id) }}\"")]
    [InlineData("path: \"/orders/{{#if order_id}}x\"")]
    public void A_malformed_template_in_an_http_path_is_an_error_not_sent_as_written(string path)
    {
        var d = Single(Sample.LoadWith("orders.yaml", "path: \"/orders/{{ order_id }}\"", path), "DLG2053");

        Assert.Equal(Sample.Position("orders.yaml", "path: \"/orders/{{ order_id }}\"").Line, d.Line);
    }
}
