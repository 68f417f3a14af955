using System.Buffers;
using System.Text.Json;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>
/// Runs an <c>http</c> step: builds the request from the step's templates (path, typed body, headers, idempotency key),
/// calls the declared service, maps the JSON answer (or error body) into slots and says where the flow goes next.
/// </summary>
internal sealed partial class HttpStepRunner(IServiceInvoker? services, ILogger logger)
{
    /// <summary>The header that carries <c>idempotency_key</c> (the name services such as Stripe and the IETF draft use).</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>
    /// Calls the service. Trace events: <c>http_status:step:code</c> for every answer, <c>http_failed:step</c> for every
    /// call that did not end in 2xx.
    /// </summary>
    public async Task<HttpStepOutcome> RunAsync(TurnContext turn, HttpStep http, CancellationToken cancellationToken) =>
        Apply(turn, http, await InvokeAsync(turn, http, cancellationToken));

    /// <summary>Calls the step's service with the turn's slot values; a fault is a failed result, never an exception.</summary>
    public async Task<ServiceResult> InvokeAsync(TurnContext turn, HttpStep http, CancellationToken cancellationToken)
    {
        if (services is null) return ServiceResult.Failed("no service invoker configured");
        var request = BuildRequest(turn, http);
        try
        {
            return await services.InvokeAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ServiceResult.Failed(ex.GetType().Name);
        }
    }

    /// <summary>Maps a service's answer into the top frame's slots and says where the flow goes next.</summary>
    public HttpStepOutcome Apply(TurnContext turn, HttpStep http, ServiceResult result)
    {
        var frame = turn.Top!;
        if (result.StatusCode is { } status) turn.Trace.Events.Add($"http_status:{http.Id}:{status}");
        var route = result.StatusCode is { } code ? http.RouteFor(code) : null;
        if (result.Success && result.Body is { } json)
        {
            MapInto(turn, frame, http.Result, json);
            return new HttpStepOutcome(true, route);
        }
        turn.Trace.Events.Add("http_failed:" + http.Id);
        if (result.Body is { } errorJson) MapInto(turn, frame, http.ErrorResult, errorJson);
        if (route is null) LogServiceFailed(logger, http.Service.Name, http.Id, result.StatusCode, result.Error);
        else LogServiceStatusRouted(logger, http.Service.Name, http.Id, result.StatusCode, route.Name);
        return new HttpStepOutcome(false, route);
    }

    /// <summary>The request as the step describes it; configured header values stay references (the invoker resolves them).</summary>
    internal static ServiceRequest BuildRequest(TurnContext turn, HttpStep http)
    {
        var service = turn.Bot.Definition.Services[http.Service.Name];
        var path = Template.Render(http.Path, name => Text(turn, name) is { } v ? Uri.EscapeDataString(v) : "");
        var headers = new List<ServiceHeader>();
        foreach (var (name, value) in service.Headers.Where(h => !http.Headers.Any(s => string.Equals(s.Name, h.Name, StringComparison.OrdinalIgnoreCase))).Concat(http.Headers))
        {
            headers.Add(value.IsConfigReference ? new ServiceHeader(name, null, value.ConfigKey) : new ServiceHeader(name, HeaderText(turn, value.Literal!), null));
        }
        var idempotent = http.Method is not ("POST" or "PATCH");
        if (http.IdempotencyKey is { } key)
        {
            headers.RemoveAll(h => string.Equals(h.Name, IdempotencyHeader, StringComparison.OrdinalIgnoreCase));
            headers.Add(new ServiceHeader(IdempotencyHeader, HeaderText(turn, key.Text), null));
            idempotent = true;
        }
        return new ServiceRequest
        {
            Service = service,
            Method = http.Method,
            Path = path,
            Body = http.Body is null ? null : RenderBody(turn, http.Body),
            Headers = headers,
            Timeout = http.Timeout ?? service.Timeout,
            // Retrying a POST whose answer was lost could place an order twice; only a key lets the service drop the copy.
            Retry = idempotent ? http.Retry ?? service.Retry : 0,
            RetryOn = http.RetryOn ?? service.RetryOn ?? RetryConditions.Default,
        };
    }

    /// <summary>A header value from slots, on one line (a line break in a slot value must not start a new header).</summary>
    private static string HeaderText(TurnContext turn, string template) =>
        Template.Render(template, name => Text(turn, name) ?? "").ReplaceLineEndings(" ");

    /// <summary>The body as JSON: literals as written, a lone placeholder as the slot's stored value (typed), other text filled in.</summary>
    internal static JsonElement RenderBody(TurnContext turn, JsonTemplate body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, body);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();

        void Write(Utf8JsonWriter writer, JsonTemplate node)
        {
            switch (node)
            {
                case JsonTemplateObject o:
                    writer.WriteStartObject();
                    foreach (var (name, value) in o.Properties)
                    {
                        writer.WritePropertyName(name);
                        Write(writer, value);
                    }
                    writer.WriteEndObject();
                    break;
                case JsonTemplateArray a:
                    writer.WriteStartArray();
                    foreach (var item in a.Items) Write(writer, item);
                    writer.WriteEndArray();
                    break;
                case JsonTemplateLiteral l:
                    l.Value.WriteTo(writer);
                    break;
                case JsonTemplateSlot s:
                    if (turn.Value(s.Slot) is { } stored) stored.WriteTo(writer);
                    else writer.WriteNullValue();
                    break;
                case JsonTemplateText t:
                    writer.WriteStringValue(Template.Render(t.Template, name => Text(turn, name) ?? ""));
                    break;
            }
        }
    }

    // A slot's value as text in a body; "receipt.url" reads a member of a file slot's value.
    private static string? Text(TurnContext turn, string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return turn.Value(name) is { } v ? SlotValues.ToExpr(v).ToString() : null;
        return turn.Value(name[..dot]) is { } file ? FileSlots.Member(file, name[(dot + 1)..]) : null;
    }

    /// <summary>Sets each slot from its JSON path (a missing value clears the slot); service data is canonical, not the user's language.</summary>
    private static void MapInto(TurnContext turn, FlowFrame frame, IReadOnlyList<(NameRef Slot, string Path, Diagnostics.SourceSpan Span)> mappings, JsonElement json)
    {
        foreach (var (slot, jsonPath, _) in mappings)
        {
            var definition = turn.Bot.FindSlot(frame.Flow, slot.Name)!;
            var selected = JsonPath.Select(json, jsonPath);
            JsonElement? value = null;
            // A list of texts or numbers ("zeiten": ["09:00", "10:30"]) is one text of its items for a text slot, which
            // a template shows and buttons: { from_result } offers one by one; any other slot takes only a single value.
            var raw = selected is { } s ? s.ValueKind switch
            {
                JsonValueKind.String => s.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => s.GetRawText(),
                JsonValueKind.Array when turn.Bot.TypeOf(definition).Kind == SlotKind.Text && s.EnumerateArray().All(i => i.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    => string.Join(", ", s.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText())),
                _ => null,
            } : null;
            if (raw is not null && SlotValues.TryAccept(turn.Bot.SlotInfo(definition, turn.Language), raw, turn, out var normalized, out _)) value = normalized;
            turn.Set(frame, slot.Name, value);
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Service {Service} failed at step {Step} (status {Status}): {Error}")]
    private static partial void LogServiceFailed(ILogger logger, string service, string step, int? status, string? error);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Service {Service} answered {Status} at step {Step}; on_status goes to {Target}")]
    private static partial void LogServiceStatusRouted(ILogger logger, string service, string step, int? status, string target);
}

/// <summary>How an <c>http</c> step ended: a 2xx answer (<see cref="Succeeded"/>) and the <c>on_status</c> target for the answer's status, if any.</summary>
internal readonly record struct HttpStepOutcome(bool Succeeded, NameRef? Route);
