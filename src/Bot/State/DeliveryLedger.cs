namespace Chatbot.Bot.State;

/// <summary>
/// What this process knows about delivery attempts that the store could not be told: an attempt whose commit write
/// failed (it may still be applied later, but this attempt will never send: a redelivery may take over at once), and
/// an attempt that delivered everything but could not record it (a redelivery here must not send again). Bounded:
/// the oldest facts are forgotten first; the store's lease covers what is forgotten or happened in another process.
/// </summary>
internal sealed class DeliveryLedger
{
    private const int Capacity = 4096;
    private readonly Dictionary<(string Key, string TriggerId, string Attempt), bool> _facts = [];
    private readonly Queue<(string, string, string)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>The attempt's commit write failed: it sends nothing, whatever the store ends up holding.</summary>
    public void Abandoned(string key, string triggerId, string attempt) => Add((key, triggerId, attempt), delivered: false);

    /// <summary>The attempt delivered every reply, but the record of it could not be written.</summary>
    public void Delivered(string key, string triggerId, string attempt) => Add((key, triggerId, attempt), delivered: true);

    /// <summary>True when this process knows the attempt will never send (again).</summary>
    public bool IsAbandoned(string key, string triggerId, string? attempt) => Lookup(key, triggerId, attempt) == false;

    /// <summary>True when this process knows the attempt delivered everything.</summary>
    public bool IsDelivered(string key, string triggerId, string? attempt) => Lookup(key, triggerId, attempt) == true;

    private bool? Lookup(string key, string triggerId, string? attempt)
    {
        if (attempt is null) return null;
        lock (_lock)
        {
            return _facts.TryGetValue((key, triggerId, attempt), out var delivered) ? delivered : null;
        }
    }

    private void Add((string, string, string) fact, bool delivered)
    {
        lock (_lock)
        {
            if (_facts.TryAdd(fact, delivered))
            {
                _order.Enqueue(fact);
                if (_order.Count > Capacity)
                {
                    _facts.Remove(_order.Dequeue());
                }
            }
            else
            {
                _facts[fact] = delivered;
            }
        }
    }
}
