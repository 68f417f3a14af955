using System.Net;
using System.Text;
using Chatbot.Dialogs.Diagnostics;
using Chatbot.Dialogs.Engine;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Runtime;

public sealed class HttpServiceInvokerTests
{
    private static readonly SourceSpan Here = new("t.yaml", 1, 1);

    private static ServiceRequest Request(int retry = 0) => new()
    {
        Service = new ServiceDefinition
        {
            Id = "orders",
            BaseUrl = new SettingValue(null, "Services:Orders:BaseUrl", Here),
            Headers = [("x-api-key", new SettingValue(null, "Services:Orders:ApiKey", Here))],
            Span = Here,
        },
        Method = "GET",
        Path = "/orders/AB%2012",
        Timeout = TimeSpan.FromSeconds(5),
        Retry = retry,
    };

    private sealed class Handler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answer(request));
        }
    }

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Services:Orders:BaseUrl"] = "http://orders.test/api/",
        ["Services:Orders:ApiKey"] = "k-123",
    };

    [Fact]
    public async Task Calls_the_configured_url_with_the_configured_header_and_parses_json()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"status":"shipped"}""", Encoding.UTF8, "application/json") });
        var invoker = new HttpServiceInvoker(new HttpClient(handler), k => Settings.GetValueOrDefault(k));
        var result = await invoker.InvokeAsync(Request(), CancellationToken.None);
        Assert.True(result.Success);
        Assert.Equal("shipped", result.Body!.Value.GetProperty("status").GetString());
        var sent = Assert.Single(handler.Requests);
        Assert.Equal("http://orders.test/api/orders/AB%2012", sent.RequestUri!.OriginalString);
        Assert.Equal("k-123", sent.Headers.GetValues("x-api-key").Single());
    }

    [Fact]
    public async Task Retries_server_errors_up_to_the_budget_then_fails()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var invoker = new HttpServiceInvoker(new HttpClient(handler), k => Settings.GetValueOrDefault(k));
        var result = await invoker.InvokeAsync(Request(retry: 2), CancellationToken.None);
        Assert.False(result.Success);
        Assert.Equal(503, result.StatusCode);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task Does_not_retry_client_errors()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.NotFound));
        var invoker = new HttpServiceInvoker(new HttpClient(handler), k => Settings.GetValueOrDefault(k));
        var result = await invoker.InvokeAsync(Request(retry: 2), CancellationToken.None);
        Assert.Equal((false, 404), (result.Success, result.StatusCode));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Missing_base_url_configuration_is_a_failure_naming_the_key()
    {
        var invoker = new HttpServiceInvoker(new HttpClient(new Handler(_ => throw new InvalidOperationException())), _ => null);
        var result = await invoker.InvokeAsync(Request(), CancellationToken.None);
        Assert.False(result.Success);
        Assert.Contains("Services:Orders:BaseUrl", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_json_answer_is_a_failure()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>") });
        var invoker = new HttpServiceInvoker(new HttpClient(handler), k => Settings.GetValueOrDefault(k));
        var result = await invoker.InvokeAsync(Request(), CancellationToken.None);
        Assert.Equal("response is not JSON", result.Error);
    }
}
