namespace CometApi.Kling;

/// <summary>
/// The delivery ids a <see cref="KlingCallbackVerifier"/> has accepted, each remembered until it expires, at most
/// <c>capacity</c> of them (the oldest are forgotten first). Thread-safe.
/// </summary>
internal sealed class CallbackReplayGuard
{
    private readonly object _gate = new();

    // Id → the sequence number of the entry that remembers it; a forgotten id may still have an old entry in _order,
    // and the number tells that stale entry apart from a later acceptance of the same id.
    private readonly Dictionary<string, long> _accepted = new(StringComparer.Ordinal);
    private readonly Queue<Entry> _order = new();
    private readonly int _capacity;
    private readonly TimeSpan _memory;
    private long _sequence;

    public CallbackReplayGuard(int capacity, TimeSpan memory)
    {
        _capacity = capacity;
        _memory = memory;
    }

    /// <summary>How many ids are remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _accepted.Count;
            }
        }
    }

    /// <summary>Remembers <paramref name="id"/> unless it is already remembered; false means a replay.</summary>
    public bool TryAccept(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            ForgetExpired(now);
            if (_accepted.ContainsKey(id))
            {
                return false;
            }

            var sequence = ++_sequence;
            _accepted[id] = sequence;
            _order.Enqueue(new Entry(id, sequence, now + _memory));
            while (_order.Count > _capacity)
            {
                Drop(_order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>Forgets <paramref name="id"/>, so it is accepted again; false when it was not remembered.</summary>
    public bool Forget(string id)
    {
        lock (_gate)
        {
            return _accepted.Remove(id);
        }
    }

    private void ForgetExpired(DateTimeOffset now)
    {
        while (_order.Count > 0 && _order.Peek().ExpiresAt <= now)
        {
            Drop(_order.Dequeue());
        }
    }

    private void Drop(Entry entry)
    {
        if (_accepted.TryGetValue(entry.Id, out var sequence) && sequence == entry.Sequence)
        {
            _accepted.Remove(entry.Id);
        }
    }

    private readonly record struct Entry(string Id, long Sequence, DateTimeOffset ExpiresAt);
}
