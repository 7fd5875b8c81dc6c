namespace CometApi.Kling.Primitives;

/// <summary>Reads <c>Retry-After</c> the one way both the API reader and the downloader need it.</summary>
internal static class RetryAfterHeader
{
    /// <summary>The wait a response asks for in <c>Retry-After</c> (seconds or a date, read on <paramref name="timeProvider"/>); never negative; null without one.</summary>
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
