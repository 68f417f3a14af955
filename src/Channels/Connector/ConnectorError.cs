namespace Chatbot.Channels.Connector;

// The Connector's error body: {"error": {"code": "...", "message": "..."}}.
internal sealed class ConnectorError
{
    public ConnectorErrorDetail? Error { get; set; }
}

internal sealed class ConnectorErrorDetail
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}
