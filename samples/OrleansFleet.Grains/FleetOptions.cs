using CometApi.Kling;

namespace OrleansFleet;

/// <summary>How every video grain of a silo works (registered as a singleton in the silo's services).</summary>
public sealed class FleetOptions
{
    /// <summary>Where videos are saved, as <c>&lt;external id&gt;.mp4</c>. Every silo must see the same folder (or write to shared storage).</summary>
    public string OutputFolder { get; set; } = "output";

    /// <summary>The wait schedule and timeout; the SDK defaults suit real Kling tasks (minutes).</summary>
    public KlingWaitOptions Wait { get; set; } = new();

    /// <summary>The first back-off after a refusal by Kling's concurrency limit (1303) or a transient error; it doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest back-off.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the reminder wakes an unfinished grain. The reminder is what brings a video back after its silo died when
    /// nobody is polling; it needs a durable reminder table in production (the in-memory one dies with the cluster).
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Register the reminder at all (on by default).</summary>
    public bool UseReminders { get; set; } = true;
}
