namespace OrleansFleet;

/// <summary>
/// The caller's catalogue: what to make for a key. In production this is your product database or a bucket listing;
/// the grain reads it on each activation, so the grain itself needs no storage.
/// </summary>
public interface IVideoCatalog
{
    /// <summary>Finds the job for a key.</summary>
    /// <param name="externalTaskId">The grain key.</param>
    /// <returns>The job, or <see langword="null"/> when the key is unknown.</returns>
    VideoJob? Find(string externalTaskId);
}
