namespace OrleansFleet;

/// <summary>Where a video grain is in its work.</summary>
[GenerateSerializer]
public enum VideoStage
{
    /// <summary>Activated, not yet asked the API.</summary>
    Pending,

    /// <summary>The API has no task for the key: creating it (or backing off after a concurrency-limit refusal).</summary>
    Creating,

    /// <summary>The task exists: polling it until it ends.</summary>
    Waiting,

    /// <summary>The task succeeded: saving the video.</summary>
    Downloading,

    /// <summary>The video is on disk, whole.</summary>
    Succeeded,

    /// <summary>Kling failed the task (or a permanent error ended the work); see <see cref="VideoStatus.Message"/>.</summary>
    Failed,
}
