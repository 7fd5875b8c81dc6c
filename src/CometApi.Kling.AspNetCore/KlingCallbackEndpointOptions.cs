namespace CometApi.Kling.AspNetCore;

/// <summary>Limits of the endpoint mapped by <c>MapKlingCallback</c>: its background queue, concurrency and memory.</summary>
public sealed class KlingCallbackEndpointOptions
{
    /// <summary>How many task ids may wait to be re-fetched; when full, callbacks are answered 503 so the sender can retry later.</summary>
    /// <value>The default is 1000.</value>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>How many tasks are re-fetched and handled at the same time (never the same task twice at once).</summary>
    /// <value>The default is 4.</value>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// How many tasks' last delivered status are remembered (oldest forgotten first). A task forgotten and then called
    /// back again can be delivered again, so keep it above the number of tasks in flight at once.
    /// </summary>
    /// <value>The default is 10,000.</value>
    public int TrackedTaskCapacity { get; set; } = 10_000;

    /// <summary>Set by <c>MapKlingCallback</c>; lets tests wait until all accepted callbacks are handled.</summary>
    internal KlingCallbackProcessor? Processor { get; set; }

    internal void Validate()
    {
        var problems = new List<string>();
        if (QueueCapacity < 1)
        {
            problems.Add($"QueueCapacity must be at least 1 (was {QueueCapacity}).");
        }

        if (MaxConcurrency < 1)
        {
            problems.Add($"MaxConcurrency must be at least 1 (was {MaxConcurrency}).");
        }

        if (TrackedTaskCapacity < 1)
        {
            problems.Add($"TrackedTaskCapacity must be at least 1 (was {TrackedTaskCapacity}).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("KlingCallbackEndpointOptions cannot be used: " + string.Join(" ", problems), "options");
        }
    }
}
