using System.Net;
using System.Text;
using System.Text.Json;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Runtime;
using Chatbot.Dialogs.Understanding;

namespace Chatbot.Dialogs.Tests.Engine;

/// <summary>What an <c>http</c> step sends and where the flow goes with each answer.</summary>
public sealed class HttpStepTests
{
    private const string Bot = """
        services:
          shop:
            base_url: { config: "Services:Shop:BaseUrl" }
            headers:
              x-api-key: { config: "Services:Shop:ApiKey" }
              x-channel: "bot-{{ customer }}"
            retry: 2
        slots:
          customer: text
        flows:
          order:
            examples: { en: [order something] }
            slots:
              product: text
              quantity: integer
              note: text
              order_ref: text
              problem: text
              status: text
            steps:
              - ask: product
                response: ask_product
              - ask: quantity
                response: ask_quantity
              - id: place
                http: shop
                method: POST
                path: "/orders"
                idempotency_key: "order-{{ product }}-{{ quantity }}"
                headers:
                  x-channel: "step-{{ product }}"
                body:
                  product: "{{ product }}"
                  quantity: "{{ quantity }}"
                  note: "{{ note }}"
                  gift: false
                  items:
                    - sku: "{{ product }}"
                      count: "{{ quantity }}"
                  label: "{{ quantity }} x {{ product }}"
                  code: "007"
                result:
                  order_ref: $.id
                  status: $.status
                error_result:
                  problem: $.error.message
                on_status:
                  202: queued
                  404: not_found
                  4xx: rejected
                on_error: failed
              - end: placed
              - id: queued
                end: queued
              - id: not_found
                end: not_found
              - id: rejected
                end: rejected
              - id: failed
                end: failed
        responses:
          ask_product: { text: { en: Which product? } }
          ask_quantity: { text: { en: How many? } }
          placed: { text: { en: "Placed {{ order_ref }}." } }
          queued: { text: { en: "Queued {{ order_ref }}." } }
          not_found: { text: { en: "No such product: {{ problem }}" } }
          rejected: { text: { en: "Rejected: {{ problem }}" } }
          failed: { text: { en: Sorry. } }
        """;

    private sealed class Recorder(Func<ServiceRequest, ServiceResult> answer) : IServiceInvoker
    {
        public List<ServiceRequest> Requests { get; } = [];

        public ValueTask<ServiceResult> InvokeAsync(ServiceRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return ValueTask.FromResult(answer(request));
        }
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static async Task<Conversation> Order(IServiceInvoker services, string product = "laptop")
    {
        var c = new Conversation(TestBots.Compile(Bot), new KeywordRecognizer(), services);
        await c.Say("order something");
        await c.Say(product);
        await c.Say("2");
        return c;
    }

    [Fact]
    public async Task The_body_keeps_yaml_types_and_a_lone_placeholder_keeps_its_slot_type()
    {
        var services = new Recorder(_ => ServiceResult.Ok(Json("""{"id":"o-1"}"""), 201));
        var c = await Order(services);

        Assert.Equal("placed", c.Ids);
        var body = Assert.Single(services.Requests).Body!.Value.GetRawText();
        Assert.Equal("""{"product":"laptop","quantity":2,"note":null,"gift":false,"items":[{"sku":"laptop","count":2}],"label":"2 x laptop","code":"007"}""", body);
    }

    [Fact]
    public async Task Headers_come_from_the_service_the_step_and_the_idempotency_key_and_a_post_with_a_key_is_retried()
    {
        var services = new Recorder(_ => ServiceResult.Ok(Json("{}"), 201));
        await Order(services, "phone");

        var request = Assert.Single(services.Requests);
        Assert.Equal(
            ["x-api-key: (config Services:Shop:ApiKey)", "x-channel: step-phone", "Idempotency-Key: order-phone-2"],
            request.Headers.Select(h => h.ToString()));
        Assert.Equal(2, request.Retry);
    }

    [Fact]
    public async Task A_post_without_idempotency_key_is_never_retried_and_a_line_break_in_a_slot_cannot_add_a_header()
    {
        var bot = TestBots.Compile(TestBots.Edit(Bot, "        idempotency_key: \"order-{{ product }}-{{ quantity }}\"\n", ""));
        var services = new Recorder(_ => ServiceResult.Ok(Json("{}"), 201));
        var c = new Conversation(bot, new KeywordRecognizer(), services);
        await c.Say("order something");
        await c.Say("lap\r\nX-Evil: 1");
        await c.Say("2");

        var request = Assert.Single(services.Requests);
        Assert.Equal(0, request.Retry);
        Assert.Equal("x-channel: step-lap X-Evil: 1", request.Headers.Single(h => h.Name == "x-channel").ToString());
        Assert.DoesNotContain(request.Headers, h => h.Name == "Idempotency-Key");
    }

    [Theory]
    [InlineData(202, """{"id":"o-9"}""", "queued", "Queued o-9.")]
    [InlineData(404, """{"error":{"message":"no laptops"}}""", "not_found", "No such product: no laptops")]
    [InlineData(422, """{"error":{"message":"too many"}}""", "rejected", "Rejected: too many")]
    [InlineData(503, """{"error":{"message":"down"}}""", "failed", "Sorry.")]
    public async Task On_status_routes_by_exact_code_then_class_and_error_result_reads_the_error_body(int status, string body, string response, string text)
    {
        var services = new Recorder(_ => status < 300 ? ServiceResult.Ok(Json(body), status) : ServiceResult.Failed($"HTTP {status}", status, Json(body)));
        var c = await Order(services);

        Assert.Equal(response, c.Ids);
        Assert.Equal(text, c.Text);
        Assert.Contains($"http_status:place:{status}", c.Last.Trace.Events);
        Assert.Equal(status >= 300, c.Last.Trace.Events.Contains("http_failed:place"));
    }

    [Fact]
    public async Task A_timeout_has_no_status_and_takes_on_error()
    {
        var services = new Recorder(_ => ServiceResult.Failed("timed out"));
        var c = await Order(services);

        Assert.Equal("failed", c.Ids);
        Assert.DoesNotContain(c.Last.Trace.Events, e => e.StartsWith("http_status:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_secrets_reach_the_service_but_never_the_trace_the_replies_or_the_state()
    {
        const string secret = "s3cr3t-key-value";
        string? sent = null;
        var handler = new Handler(request =>
        {
            sent = request.Headers.GetValues("x-api-key").Single();
            return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("{\"error\":{\"message\":\"bad key " + sent + "\"}}", Encoding.UTF8, "application/json") };
        });
        var settings = new Dictionary<string, string?> { ["Services:Shop:BaseUrl"] = "http://shop.test/", ["Services:Shop:ApiKey"] = secret };
        var bot = TestBots.Compile(TestBots.Edit(TestBots.Edit(Bot, "        error_result:\n          problem: $.error.message\n", ""), "4xx: rejected", "4xx: failed"));
        var c = new Conversation(bot, new KeywordRecognizer(), new HttpServiceInvoker(new HttpClient(handler), k => settings.GetValueOrDefault(k)));
        await c.Say("order something");
        await c.Say("laptop");
        await c.Say("2");

        Assert.Equal(secret, sent);
        Assert.Equal("failed", c.Ids);
        var visible = string.Join("\n", c.Last.Trace.Events.Concat(c.Last.Trace.CommandsAccepted).Concat(c.Last.Trace.CommandsRejected).Append(c.Text).Append(c.StateJson));
        Assert.DoesNotContain(secret, visible, StringComparison.Ordinal);
    }

    private sealed class Handler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer(request));
    }
}
