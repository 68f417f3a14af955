namespace Chatbot.Bot.Hosting;

/// <summary>One thing <c>/api/health/ready</c> checks (storage reachable, dialog definitions loaded, ...).</summary>
public interface IReadinessCheck
{
    /// <summary>A short name for logs (never returned over HTTP).</summary>
    string Name { get; }

    /// <summary>True when this part is ready to serve turns. Must not throw.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
