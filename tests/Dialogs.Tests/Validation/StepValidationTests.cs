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

    private static string Edit(string find, string replace) => TestBots.Edit(Http, find, replace);

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
    public void From_opening_is_only_for_a_text_slot()
    {
        var text = Edit("- ask: product\n        response: ask\n", "- ask: product\n        response: ask\n        from_opening: true\n");
        Assert.Empty(TestBots.Load(text).Diagnostics);
        var number = Edit("- ask: quantity\n        response: ask\n", "- ask: quantity\n        response: ask\n        from_opening: true\n");
        var d = TestBots.Single(TestBots.Load(number), "DLG2054");
        At(d, number, "true\n");
        Assert.Contains("slot 'quantity' is integer", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unquoted_placeholder_in_the_body_says_to_quote_it()
    {
        var yaml = Edit("qty: \"{{ quantity }}\"", "qty: {{ quantity }}");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG1050");
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
        Assert.Equal(("DLG2050", DiagnosticSeverity.Warning), (d.Id, d.Severity));
        At(d, yaml, "- id: place", 2);
    }

    private static string Flow(string find, string replace) => TestBots.Edit(Engine.ConfirmationAndSlotStepTests.Bot, find, replace);

    [Fact]
    public void Clear_names_slots_in_scope()
    {
        var yaml = Flow("- clear: [street, postcode]", "- clear: [street, postcod]");
        var d = TestBots.Single(TestBots.Load(yaml), "DLG2003");
        At(d, yaml, "postcod]");
        Assert.Equal("did you mean 'postcode'?", d.Help);
    }

    [Fact]
    public void Goto_limit_is_between_1_and_10_and_on_limit_needs_a_limit_and_a_known_step()
    {
        var zero = Flow("limit: 1", "limit: 0");
        At(TestBots.Single(TestBots.Load(zero), "DLG1005"), zero, "limit: 0\n", "limit: ".Length);

        var noLimit = Flow("        limit: 1\n", "");
        var d = TestBots.Single(TestBots.Load(noLimit), "DLG1004");
        At(d, noLimit, "on_limit: give_up", "on_limit: ".Length);
        Assert.Equal("goto step with on_limit is missing the required key 'limit'", d.Message);

        var unknown = Flow("on_limit: give_up", "on_limit: give_upp");
        At(TestBots.Single(TestBots.Load(unknown), "DLG2002"), unknown, "give_upp");
    }

    [Fact]
    public void A_loop_that_never_waits_is_bounded_by_a_goto_limit()
    {
        const string loop = """
            flows:
              poll:
                examples: { en: [poll] }
                steps:
                  - id: again
                    say: waiting
                  - goto: again
                    limit: 3
                  - end: done
            responses:
              waiting: { text: { en: Waiting. } }
              done: { text: { en: Done. } }
            """;
        Assert.True(TestBots.Load(loop).Succeeded);
        var unbounded = TestBots.Load(loop.Replace("        limit: 3\n", "", StringComparison.Ordinal));
        Assert.Contains(unbounded.Diagnostics, x => x.Id == "DLG3002");
    }

    [Fact]
    public void On_change_must_lead_back_to_the_confirmation()
    {
        var unknown = Flow("on_change: route", "on_change: rout");
        At(TestBots.Single(TestBots.Load(unknown), "DLG2002"), unknown, "rout\n");

        var after = Flow("on_change: route", "on_change: give_up");
        var d = TestBots.Single(TestBots.Load(after), "DLG3050");
        At(d, after, "give_up\n        on_no");
        Assert.Equal("on_change of confirm step 'confirm' goes to 'give_up', from where the flow never comes back to this confirmation; name a step before it", d.Message);
    }

    [Fact]
    public void On_no_prompt_needs_a_prompt_and_cannot_be_combined_with_edit()
    {
        var both = Flow("        on_change: route\n", "        on_change: route\n        edit: [quantity]\n");
        At(TestBots.Single(TestBots.Load(both), "DLG2051"), both, "what_to_change\n");

        var noPrompt = Flow("  prompt: what_to_change\n", "");
        At(TestBots.Single(TestBots.Load(noPrompt), "DLG1004"), noPrompt, "reprompt: what_to_change_again");

        var unknown = Flow("  prompt: what_to_change\n", "  prompt: what_to_chang\n");
        At(TestBots.Single(TestBots.Load(unknown), "DLG2001"), unknown, "what_to_chang\n");
    }

    [Fact]
    public void A_set_of_an_enum_slot_names_one_of_its_values()
    {
        // A default that is no choice would be stored, then shown and sent to services as no value the type knows.
        var typo = Flow("      - ask: fulfilment\n", "      - set: { fulfilment: '\"pikup\"' }\n      - ask: fulfilment\n");
        var d = TestBots.Single(TestBots.Load(typo), "DLG2021");
        At(d, typo, "'\"pikup\"'");
        Assert.Equal("'pikup' is not a value of enum type 'fulfilment'", d.Message);
        Assert.Equal("did you mean 'pickup'?", d.Help);

        var far = Flow("      - ask: fulfilment\n", "      - set: { fulfilment: '\"courier\"' }\n      - ask: fulfilment\n");
        Assert.Equal("its values: delivery, pickup", TestBots.Single(TestBots.Load(far), "DLG2021").Help);

        var value = Flow("      - ask: fulfilment\n", "      - set: { fulfilment: '\"pickup\"' }\n      - ask: fulfilment\n");
        Assert.DoesNotContain(TestBots.Load(value).Diagnostics, x => x.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Variant_conditions_are_checked_where_the_response_is_used_and_reported_once()
    {
        const string variant = "- if: fulfilment == \"pickup\"\n        text:";
        var typo = Flow(variant, "- if: fulfilment == \"pikup\"\n        text:");
        var d = TestBots.Single(TestBots.Load(typo), "DLG2021");
        At(d, typo, "\"pikup\"");
        Assert.Equal("did you mean 'pickup'?", d.Help);

        var typed = Flow(variant, "- if: quantity == \"pickup\"\n        text:");
        At(TestBots.Single(TestBots.Load(typed), "DLG2008"), typed, "quantity == \"pickup\"", "quantity ".Length);

        var syntax = Flow(variant, "- if: fulfilment = \"pickup\"\n        text:");
        At(TestBots.Single(TestBots.Load(syntax), "DLG2007"), syntax, "fulfilment = \"pickup\"", "fulfilment ".Length);

        // Used twice in the flow (the confirmation and a say): one diagnostic.
        var scope = Flow(variant, "- if: fulfilmnt == \"pickup\"\n        text:").Replace("say: address_unknown", "say: confirm_order", StringComparison.Ordinal);
        var s = TestBots.Single(TestBots.Load(scope), "DLG2052");
        At(s, scope, "fulfilmnt");
        Assert.Equal("the condition of a variant of response 'confirm_order' uses 'fulfilmnt', which is not a slot in scope where the response is used (slots of flow 'order' and bot-wide slots)", s.Message);
        Assert.Equal("did you mean 'fulfilment'?", s.Help);

        var noText = Flow("        text: { en: \"{{ quantity }} for pickup?\" }\n", "");
        TestBots.Single(TestBots.Load(noText), "DLG1004");
    }

    private const string PriceLookup = """
        services:
          shop:
            base_url: http://shop.test
        flows:
          rent:
            examples: { en: [rent bikes] }
            slots: { count: integer, price: integer, total: integer }
            steps:
              - ask: count
                response: ask
              - id: get_price
                http: shop
                path: "/prices/{{ count }}"
                result: { price: $.price }
              - id: confirm
                confirm: confirm
              - end: done
        responses:
          ask: { text: { en: "How many?" } }
          confirm: { text: { en: "{{ count }} bikes for {{ price }} EUR?" } }
          done: { text: { en: "Done." } }
        """;

    [Fact]
    public void A_confirmation_that_shows_a_price_looked_up_with_a_slot_it_lets_the_user_correct_is_warned_about()
    {
        var d = TestBots.Single(TestBots.Load(PriceLookup), "DLG3051");

        At(d, PriceLookup, "id: confirm");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Equal("confirm step 'confirm' shows '{{ price }}', which step 'get_price' works out from 'count'; when the user corrects 'count' there, 'price' stays as it was (an http step is not called again on its own); add on_change: <step> with the step to run again from", d.Message);
        var rerun = TestBots.Load(TestBots.Edit(PriceLookup, "        confirm: confirm\n", "        confirm: confirm\n        on_change: get_price\n"));
        Assert.DoesNotContain(rerun.Diagnostics, x => x.Id == "DLG3051");
    }

    [Fact]
    public void A_total_the_engine_cannot_work_out_again_at_the_confirmation_is_warned_about()
    {
        // A message and a branch between the total and the confirmation: neither a re-run nor working it out in place is safe.
        var yaml = TestBots.Edit(PriceLookup,
            "      - id: get_price\n        http: shop\n        path: \"/prices/{{ count }}\"\n        result: { price: $.price }\n",
            "      - id: work_out\n        set: { total: count * 15 }\n      - say: ask\n      - branch:\n          - if: count > 10\n            goto: confirm\n")
            .Replace("{{ price }} EUR", "{{ total }} EUR", StringComparison.Ordinal);

        var d = TestBots.Single(TestBots.Load(yaml), "DLG3051");

        Assert.Contains("shows '{{ total }}', which step 'work_out' works out from 'count'", d.Message);
        var linear = TestBots.Load(yaml.Replace("      - say: ask\n", "", StringComparison.Ordinal));
        Assert.DoesNotContain(linear.Diagnostics, x => x.Id == "DLG3051");
    }
}
