namespace CometApi.Kling.Testing;

/// <summary>
/// The emulator's fault script: which fault hits which call of which endpoint. Thread-safe; change it at any time.
/// Calls are numbered from 1 per endpoint (<see cref="KlingEmulatorRequest.CallNumber"/>), or across all requests for
/// <see cref="KlingEmulatorEndpoint.Any"/>. When several entries match a call, the one added first wins.
/// </summary>
public sealed class KlingEmulatorFaults
{
    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];

    internal KlingEmulatorFaults()
    {
    }

    /// <summary>The number of entries that can still match a call.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Scripts a fault.</summary>
    /// <param name="endpoint">The endpoint it hits, or <see cref="KlingEmulatorEndpoint.Any"/>.</param>
    /// <param name="fault">What happens.</param>
    /// <param name="onCall">
    /// The first call number it hits (1 = the endpoint's first call ever); <see langword="null"/> means the endpoint's
    /// next call from now.
    /// </param>
    /// <param name="times">How many consecutive calls it hits; <see cref="int.MaxValue"/> for every call from then on.</param>
    /// <returns>This script, to chain more entries.</returns>
    /// <example><code>
    /// emulator.Faults.Add(
    ///     KlingEmulatorEndpoint.Create,
    ///     KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit")
    ///         .WithRetryAfter(TimeSpan.FromSeconds(2)),
    ///     onCall: 1, times: 2);
    /// </code></example>
    public KlingEmulatorFaults Add(KlingEmulatorEndpoint endpoint, KlingEmulatorFault fault, int? onCall = null, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!Enum.IsDefined(endpoint))
        {
            throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown endpoint.");
        }

        if (onCall is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(onCall), onCall, "Calls are numbered from 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            _entries.Add(new Entry(endpoint, fault, onCall, times));
        }

        return this;
    }

    /// <summary>Removes every scripted fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Finds (and uses up) the fault for a call, or returns <see langword="null"/>.</summary>
    internal KlingEmulatorFault? Take(KlingEmulatorEndpoint endpoint, int callNumber, long overallNumber)
    {
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if (entry.Endpoint != endpoint && entry.Endpoint != KlingEmulatorEndpoint.Any)
                {
                    continue;
                }

                var number = entry.Endpoint == KlingEmulatorEndpoint.Any ? overallNumber : callNumber;
                if (entry.FirstCall is { } first)
                {
                    // A fixed window of call numbers: the entry is spent once the window is behind us.
                    if (number < first)
                    {
                        continue;
                    }

                    if (number >= first + (long)entry.Times)
                    {
                        _entries.RemoveAt(i--);
                        continue;
                    }

                    if (number == first + (long)entry.Times - 1)
                    {
                        _entries.RemoveAt(i);
                    }

                    return entry.Fault;
                }

                // "The next n calls": a countdown.
                if (--entry.Remaining == 0)
                {
                    _entries.RemoveAt(i);
                }

                return entry.Fault;
            }

            return null;
        }
    }

    private sealed class Entry(KlingEmulatorEndpoint endpoint, KlingEmulatorFault fault, int? firstCall, int times)
    {
        public KlingEmulatorEndpoint Endpoint { get; } = endpoint;

        public KlingEmulatorFault Fault { get; } = fault;

        public int? FirstCall { get; } = firstCall;

        public int Times { get; } = times;

        public int Remaining { get; set; } = times;
    }
}
