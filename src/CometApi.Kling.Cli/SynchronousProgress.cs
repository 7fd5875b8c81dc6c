namespace CometApi.Kling.Cli;

/// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; posts to the thread pool and may reorder lines).</summary>
/// <typeparam name="T">The progress value.</typeparam>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
