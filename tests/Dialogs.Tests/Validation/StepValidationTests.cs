using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Tests.Validation;

/// <summary>Misused step keys (http, clear, goto limits, confirmations, response variants) fail with the right id at file:line:col.</summary>
public sealed class StepValidationTests
{
    private const string Http = """
        services:
          shop:
            base_url: http://shop.test
            headers:
              x-api-key: { config: "Services:Shop:ApiKey" }
        flows:
          order:
            examples: { en: [order] }
            slots:
              product: text
              quantity: integer
              problem: text
            steps:
              - ask: product
                response: ask
              - ask: quantity
                response: ask
              - id: place
                http: shop
                method: POST
                path: /orders
                idempotency_key: "o-{{ product }}"
                headers:
                  x-customer: "c-{{ product }}"
                body:
                  product: "{{ product }}"
                  lines: [{ qty: "{{ quantity }}" }]
                error_result:
                  problem: $.error.message
                on_status:
                  404: missing
                  5xx: end
                retry_on: [timeout, 503]
              - end: done
              - id: missing
                end: done
        responses:
          ask: { text: { en: "?" } }
          done: { text: { en: "Done." } }
        """;

    private static string Edit(string find, string replace)
    {
        Assert.Contains(find, Http, StringComparison.Ordinal);
        return Http.Replace(find, replace, StringComparison.Ordinal);
    }

    private static void At(Diagnostic d, string yaml, string find, int offset = 0)
    {
        var (line, column) = TestBots.Position(yaml, find);
        Assert.Equal(("test.yaml", line, column + offset), (d.File, d.Line, d.Column));
    }

    [Fact]
    public void A_well_formed_http_step_loads()
    {
        var result = TestBots.Load(Http);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void An_unquoted_placeholder_in_the_body_says_to_quote_it()
    {
        var yaml = Edit("qty: \"{{ quantity }}\"", "qty: {{ quantity }}");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1020");
        At(d, yaml, "{{ quantity }}");
        Assert.Equal("body.lines[0].qty: without quotes YAML reads '{{ quantity }}' as a mapping; write it in quotes: \"{{ quantity }}\"", d.Message);
    }

    [Fact]
    public void Placeholders_in_body_headers_and_idempotency_key_must_be_slots_in_scope()
    {
        foreach (var (find, replace) in new[]
        {
            ("product: \"{{ product }}\"", "product: \"{{ prodcut }}\""),
            ("x-customer: \"c-{{ product }}\"", "x-customer: \"c-{{ prodcut }}\""),
            ("idempotency_key: \"o-{{ product }}\"", "idempotency_key: \"o-{{ prodcut }}\""),
        })
        {
            var yaml = Edit(find, replace);
            var d = TestBots.Single(TestBots.Load(yaml), "DLG2003");
            At(d, yaml, replace[(replace.IndexOf(':') + 2)..]);
            Assert.Equal("did you mean 'product'?", d.Help);
        }
    }

    [Fact]
    public void A_fixed_inline_header_value_is_refused_but_a_template_is_fine()
    {
        var yaml = Edit("x-customer: \"c-{{ product }}\"", "x-customer: abc123");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2014");
        At(d, yaml, "abc123");
    }

    [Fact]
    public void On_status_keys_must_be_codes_or_classes_and_targets_steps()
    {
        var badKey = Edit("404: missing", "40x: missing");
        var d = TestBots.Single(TestBots.Load(badKey), "DLG1005");
        At(d, badKey, "40x");
        Assert.Contains("expected a status code such as 404 or a class such as 5xx", d.Message, StringComparison.Ordinal);

        var badTarget = Edit("404: missing", "404: misisng");
        var t = TestBots.Single(TestBots.Load(badTarget), "DLG2002");
        At(t, badTarget, "misisng");
        Assert.Equal("did you mean 'missing'?", t.Help);
    }

    [Fact]
    public void Retry_on_names_statuses_timeout_or_connection()
    {
        var yaml = Edit("retry_on: [timeout, 503]", "retry_on: [timeot, 503]");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1005");
        At(d, yaml, "timeot");
        Assert.Equal("did you mean 'timeout'?", d.Help);
    }

    [Fact]
    public void Error_result_needs_a_slot_and_a_json_path()
    {
        var yaml = Edit("problem: $.error.message", "problem: error.message");
        At(TestBots.Single(TestBots.Load(yaml), "DLG2020"), yaml, "error.message");
        var slot = Edit("problem: $.error.message", "probelm: $.error.message");
        At(TestBots.Single(TestBots.Load(slot), "DLG2003"), slot, "probelm");
    }

    [Fact]
    public void A_retried_post_without_idempotency_key_is_a_warning()
    {
        var yaml = Edit("        idempotency_key: \"o-{{ product }}\"\n", "        retry: 2\n");
        var result = TestBots.Load(yaml);
        Assert.True(result.Succeeded);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("DLG2030", DiagnosticSeverity.Warning), (d.Id, d.Severity));
        At(d, yaml, "- id: place", 2);
    }
}
