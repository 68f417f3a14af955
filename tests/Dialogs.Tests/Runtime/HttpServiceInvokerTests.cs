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

    private static ServiceRequest Request(int retry = 0, RetryConditions? retryOn = null) => new()
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
        Headers = [new ServiceHeader("x-api-key", null, "Services:Orders:ApiKey")],
        Timeout = TimeSpan.FromSeconds(5),
        Retry = retry,
        RetryOn = retryOn ?? RetryConditions.Default,
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

    [Fact]
    public async Task An_error_answer_keeps_its_json_body_for_error_result()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.UnprocessableEntity) { Content = new StringContent("""{"error":{"message":"postcode unknown"}}""", Encoding.UTF8, "application/json") });
        var invoker = new HttpServiceInvoker(new HttpClient(handler), k => Settings.GetValueOrDefault(k));

        var result = await invoker.InvokeAsync(Request(), CancellationToken.None);

        Assert.Equal((false, 422), (result.Success, result.StatusCode));
        Assert.Equal("postcode unknown", result.Body!.Value.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Retry_on_decides_which_statuses_are_retried()
    {
        var only429 = new RetryConditions([new StatusPattern(429, false)], Timeout: false, ConnectionFailure: false);
        var unavailable = new Handler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var busy = new Handler(_ => new HttpResponseMessage(HttpStatusCode.TooManyRequests));

        await new HttpServiceInvoker(new HttpClient(unavailable), k => Settings.GetValueOrDefault(k)).InvokeAsync(Request(retry: 2, retryOn: only429), CancellationToken.None);
        await new HttpServiceInvoker(new HttpClient(busy), k => Settings.GetValueOrDefault(k)).InvokeAsync(Request(retry: 2, retryOn: only429), CancellationToken.None);

        Assert.Single(unavailable.Requests);
        Assert.Equal(3, busy.Requests.Count);
    }

    [Fact]
    public async Task Timeouts_are_retried_by_default_and_not_when_retry_on_leaves_them_out()
    {
        // The handler gives up like an expired per-attempt timeout does (the caller's token is not cancelled).
        var slow = new Handler(_ => throw new TaskCanceledException("attempt timed out"));
        var invoker = new HttpServiceInvoker(new HttpClient(slow), k => Settings.GetValueOrDefault(k));

        var byDefault = await invoker.InvokeAsync(Request(retry: 1), CancellationToken.None);
        var attemptsByDefault = slow.Requests.Count;
        await invoker.InvokeAsync(Request(retry: 1, retryOn: new RetryConditions([new StatusPattern(5, true)], Timeout: false, ConnectionFailure: true)), CancellationToken.None);

        Assert.StartsWith("timed out", byDefault.Error, StringComparison.Ordinal);
        Assert.Equal(2, attemptsByDefault);
        Assert.Equal(3, slow.Requests.Count);
    }

    [Fact]
    public async Task A_configured_header_value_is_sent_but_never_logged()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.BadGateway));
        var logs = new ListLogger();
        var invoker = new HttpServiceInvoker(new HttpClient(handler), k => Settings.GetValueOrDefault(k), logger: logs);

        var result = await invoker.InvokeAsync(Request(retry: 1), CancellationToken.None);

        Assert.All(handler.Requests, r => Assert.Equal("k-123", r.Headers.GetValues("x-api-key").Single()));
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("k-123", StringComparison.Ordinal));
        Assert.DoesNotContain("k-123", result.Error, StringComparison.Ordinal);
    }

    private sealed class ListLogger : Microsoft.Extensions.Logging.ILogger<HttpServiceInvoker>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception) + " " + state);
    }
}
