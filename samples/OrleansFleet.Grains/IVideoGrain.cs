namespace OrleansFleet;

/// <summary>
/// One video, keyed by the caller's <c>external_task_id</c>: the grain key is the idempotency key. The grain keeps no
/// durable state of its own; Kling is asked what exists for that key whenever an activation starts working.
/// </summary>
public interface IVideoGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the work if this activation is not already on it, and returns where it stands. Idempotent: call it as often
    /// as you like (the fleet runner polls with it), from any client; after a silo's death the next call re-activates
    /// the grain on a live silo, which resumes from the API.
    /// </summary>
    /// <returns>The video's status as this activation knows it.</returns>
    Task<VideoStatus> EnsureStartedAsync();
}
