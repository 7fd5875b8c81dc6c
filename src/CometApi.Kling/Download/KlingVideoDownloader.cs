using System.Net;
using CometApi.Kling.Diagnostics;
using CometApi.Kling.Http;
using CometApi.Kling.Primitives;
using Polly;

namespace CometApi.Kling.Download;

/// <summary>
/// Streams a result video from its (temporary, unauthenticated) URL. The request is built here, not by the API
/// sender, so it never carries the API key. Memory stays flat whatever the size: one pooled buffer, kept below the
/// large-object-heap threshold. File downloads go to a temporary file beside the target, renamed over it only when
/// every announced byte arrived, so a failed or cut download never leaves a partial video at the destination.
/// Transient failures (network errors, stalls, 408, 429, 5xx, a cut body) are retried by the client's download
/// pipeline; a retry resumes from the bytes already saved with a <c>Range</c> request when the host accepts ranges
/// (and checks that the <c>206</c> starts where asked), otherwise starts over. Expired links (401/403/404/410) are never retried.
/// </summary>
internal static class KlingVideoDownloader
{
    /// <summary>64 KiB: the pool's bucket sizes are powers of two, and the next one (128 KiB) would land on the LOH.</summary>
    internal const int BufferSize = 64 * 1024;

    public static async Task<string> DownloadToFileAsync(
        HttpClient httpClient, Uri url, string path, FileProgress progress, DownloadSettings settings, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{path}' is a root directory, not a file path.", nameof(path));
        Directory.CreateDirectory(directory);

        // Hidden, unique and in the same directory, so the final rename stays on one volume (atomic) and
        // concurrent downloads to the same target cannot clobber each other's partial data.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.part");
        try
        {
            // bufferSize 1: no FileStream buffer; writes are already 64 KiB chunks.
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous))
            {
                await CopyAsync(httpClient, url, file, progress, settings, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            MoveOver(temporary, fullPath);
            return fullPath;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Downloads into <paramref name="destination"/> through the download pipeline: a transient failure is retried, and
    /// a retry resumes with <c>Range: bytes=N-</c> where the host accepts ranges, otherwise starts over (when the
    /// destination can be rewound).
    /// </summary>
    public static async Task<long> CopyAsync(
        HttpClient httpClient, Uri url, Stream destination, FileProgress progress, DownloadSettings settings, CancellationToken cancellationToken)
    {
        // Spans, logs and metrics of the download are the client's (KlingClient.TraceDownloadAsync): one per download, not per attempt.
        var download = new VideoDownload(httpClient, url, destination, progress, settings);
        await settings.Pipeline.ExecuteAsync(
            static async (state, token) => await state.AttemptAsync(token).ConfigureAwait(false), download, cancellationToken).ConfigureAwait(false);
        return download.Written;
    }

    /// <summary>Reports one file's bytes to the caller's progress, saying which file of how many it is and where it goes.</summary>
    /// <param name="Sink">The caller's progress, if any.</param>
    /// <param name="FileIndex">Which file this is, from 1.</param>
    /// <param name="FileCount">How many files the call saves.</param>
    /// <param name="FilePath">The file's full target path; null for a stream.</param>
    internal readonly record struct FileProgress(IProgress<KlingDownloadProgress>? Sink, int FileIndex, int FileCount, string? FilePath)
    {
        /// <summary>One file downloaded alone: file 1 of 1.</summary>
        public static FileProgress Single(IProgress<KlingDownloadProgress>? sink, string? filePath) => new(sink, 1, 1, filePath);

        public void Report(long received, long? total) => Sink?.Report(new KlingDownloadProgress(received, total, FileIndex, FileCount, FilePath));
    }

    /// <summary>What a download needs from its client: the retry pipeline, the attempt's patience and the clock.</summary>
    /// <param name="Pipeline">Retries transient download errors (the client's download pipeline).</param>
    /// <param name="AttemptTimeout">How long the host may take to answer, and then to send each chunk of the body.</param>
    /// <param name="AttemptTimeoutSetting">The setting that sets <paramref name="AttemptTimeout"/>, named in timeout messages.</param>
    /// <param name="TimeProvider">The clock of both.</param>
    internal sealed record DownloadSettings(ResiliencePipeline Pipeline, TimeSpan AttemptTimeout, string AttemptTimeoutSetting, TimeProvider TimeProvider);

    /// <summary>Checks a URL before anything is sent: only absolute http(s) addresses are downloaded.</summary>
    public static void CheckUrl(Uri url, string parameterName)
    {
        if (url is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The video URL must be an absolute http or https address (was '{Describe(url)}').", parameterName);
        }
    }

    internal static KlingDownloadException StatusError(HttpResponseMessage response, string where, TimeProvider timeProvider)
    {
        var status = response.StatusCode;
        var code = (int)status;
        if (code is 401 or 403 or 404 or 410)
        {
            return new KlingDownloadException(
                $"The video link {where} answered HTTP {code} {status}: it has most likely expired (Kling deletes results after 30 days and the "
                + "signed link can expire sooner). Query the task again with GetTaskAsync(kind, taskId) for a fresh URL and download that.",
                status,
                isRetryable: false);
        }

        // The one retryability table (408, 429, 5xx); a video host has no Kling body code.
        var retryable = KlingErrorClassifier.IsRetryable(status, code: null, cometErrorCode: null);
        var retryAfter = RetryAfterHeader.Read(response, timeProvider);
        return new KlingDownloadException(
            $"Downloading the video from {where} failed: HTTP {code} {status}." + (retryable ? " This may succeed if retried later." : string.Empty),
            status,
            retryable)
        {
            RetryAfter = retryAfter,
            RetryAfterUnreadable = retryAfter is null && response.Headers.TryGetValues("Retry-After", out _),
        };
    }

    /// <summary>The URL without its query: signed links carry their credentials there, and messages end up in logs.</summary>
    internal static string Describe(Uri url) =>
        url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" : url.OriginalString.Split('?')[0];

    internal static string Bytes(long received, long? expected) => expected is { } total ? $"{received} of {total} bytes" : $"{received} bytes";

    private static void MoveOver(string source, string destination)
    {
#if NET
        File.Move(source, destination, overwrite: true);
#else
        if (File.Exists(destination))
        {
            File.Replace(source, destination, destinationBackupFileName: null);
        }
        else
        {
            File.Move(source, destination);
        }
#endif
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error matters more than a leftover hidden .part file.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}
