using System.Text.Json;
using Chatbot.Dialogs.Model;
using Chatbot.Dialogs.Runtime;
using Microsoft.Extensions.Logging;

namespace Chatbot.Dialogs.Engine;

/// <summary>Runs an <c>http</c> step: builds the request from the step's templates, calls the declared service, maps the JSON answer into slots.</summary>
internal sealed partial class HttpStepRunner(IServiceInvoker? services, ILogger logger)
{
    /// <summary>Calls the service; on success the result slots are set and true is returned; on any failure the trace records it and false is returned.</summary>
    public async Task<bool> RunAsync(TurnContext turn, HttpStep http, CancellationToken cancellationToken)
    {
        var frame = turn.Top!;
        var service = turn.Bot.Definition.Services[http.Service.Name];
        ServiceResult result;
        if (services is null)
        {
            result = ServiceResult.Failed("no service invoker configured");
        }
        else
        {
            var path = Template.Render(http.Path, name => turn.Value(name) is { } v ? Uri.EscapeDataString(SlotValues.ToExpr(v).ToString()) : "");
            JsonElement? body = null;
            if (http.Body.Count > 0)
            {
                var fields = http.Body.ToDictionary(b => b.Name, b => Template.Render(b.Template, name => turn.Value(name) is { } v ? SlotValues.ToExpr(v).ToString() : ""));
                body = JsonSerializer.SerializeToElement(fields, DialogJsonContext.Default.DictionaryStringString);
            }
            var request = new ServiceRequest
            {
                Service = service,
                Method = http.Method,
                Path = path,
                Body = body,
                Timeout = http.Timeout ?? service.Timeout,
                Retry = http.Retry ?? service.Retry,
            };
            try
            {
                result = await services.InvokeAsync(request, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = ServiceResult.Failed(ex.GetType().Name);
            }
        }
        if (!result.Success || result.Body is not { } json)
        {
            LogServiceFailed(logger, http.Service.Name, http.Id, result.StatusCode, result.Error);
            turn.Trace.Events.Add("http_failed:" + http.Id);
            return false;
        }
        foreach (var (slot, jsonPath, _) in http.Result)
        {
            var definition = turn.Bot.FindSlot(frame.Flow, slot.Name)!;
            var selected = JsonPath.Select(json, jsonPath);
            JsonElement? value = null;
            if (selected is { } s && s.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Array))
            {
                // Service data is not in the user's language: it is read in canonical form (invariant numbers, ISO dates).
                var raw = s.ValueKind == JsonValueKind.String ? s.GetString()! : s.GetRawText();
                if (SlotValues.TryAccept(turn.Bot.SlotInfo(definition, turn.Language), raw, turn, out var normalized, out _)) value = normalized;
            }
            turn.Set(frame, slot.Name, value);
        }
        return true;
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Service {Service} failed at step {Step} (status {Status}): {Error}")]
    private static partial void LogServiceFailed(ILogger logger, string service, string step, int? status, string? error);
}
