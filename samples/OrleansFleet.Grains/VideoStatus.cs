namespace OrleansFleet;

/// <summary>A video grain's answer: its stage and, once done, the outcome. Kept in memory only: it can always be rebuilt from the API.</summary>
[GenerateSerializer]
public sealed record VideoStatus
{
    /// <summary>The grain key, sent to Kling as <c>external_task_id</c>.</summary>
    [Id(0)]
    public string ExternalTaskId { get; init; } = "";

    /// <summary>Where the work is.</summary>
    [Id(1)]
    public VideoStage Stage { get; init; }

    /// <summary>Kling's task id, once known.</summary>
    [Id(2)]
    public string? TaskId { get; init; }

    /// <summary>Why the video failed (Kling's <c>task_status_msg</c> or the error), or the last transient problem.</summary>
    [Id(3)]
    public string? Message { get; init; }

    /// <summary>The saved video, when <see cref="VideoStage.Succeeded"/>.</summary>
    [Id(4)]
    public string? FilePath { get; init; }

    /// <summary>The saved video's size in bytes.</summary>
    [Id(5)]
    public long Bytes { get; init; }

    /// <summary>Creates sent by this activation (the API refusing a duplicate counts too): 0 when it found the task already there.</summary>
    [Id(6)]
    public int CreatesSent { get; init; }

    /// <summary>Times this activation backed off because Kling's concurrency limit (code 1303) refused a create.</summary>
    [Id(7)]
    public int ConcurrencyBackoffs { get; init; }

    /// <summary>The silo whose activation reported this, for the fleet's statistics.</summary>
    [Id(8)]
    public string? Silo { get; init; }

    /// <summary>True once the video succeeded or failed.</summary>
    public bool IsDone => Stage is VideoStage.Succeeded or VideoStage.Failed;
}
