using System.Collections.Concurrent;

namespace OrleansFleet;

/// <summary>An in-memory <see cref="IVideoCatalog"/>: enough for one process (the sample, the test) holding every silo.</summary>
public sealed class VideoCatalog : IVideoCatalog
{
    private readonly ConcurrentDictionary<string, VideoJob> _jobs = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces a job.</summary>
    /// <param name="job">The job.</param>
    public void Add(VideoJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs[job.ExternalTaskId] = job;
    }

    /// <inheritdoc />
    public VideoJob? Find(string externalTaskId) => _jobs.GetValueOrDefault(externalTaskId);
}
