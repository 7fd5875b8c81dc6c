using System.Buffers;
using System.Net;

namespace CometApi.Kling.Download;

/// <summary>
/// Streams a result video from its (temporary, unauthenticated) URL. The request is built here, not by the API
/// sender, so it never carries the API key. Memory stays flat whatever the size: one pooled buffer, kept below the
/// large-object-heap threshold. File downloads go to a temporary file beside the target, renamed over it only when
/// every announced byte arrived, so a failed or cut download never leaves a partial video at the destination.
/// </summary>
internal static class KlingVideoDownloader
{
    /// <summary>64 KiB: the pool's bucket sizes are powers of two, and the next one (128 KiB) would land on the LOH.</summary>
    internal const int BufferSize = 64 * 1024;

    public static async Task<string> DownloadToFileAsync(
        HttpClient httpClient, Uri url, string path, IProgress<KlingDownloadProgress>? progress, DownloadLimits limits, CancellationToken cancellationToken)
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
                await CopyAsync(httpClient, url, file, progress, limits, cancellationToken).ConfigureAwait(false);
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

    public static async Task<long> CopyAsync(
        HttpClient httpClient, Uri url, Stream destination, IProgress<KlingDownloadProgress>? progress, DownloadLimits limits, CancellationToken cancellationToken)
    {
        var where = Describe(url);

        // Deliberately no Authorization header: the video host is not the API and must never see the key.
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        HttpResponseMessage response;

        // The HttpClient has no timeout of its own (the pipeline's rule): bound the wait for the headers here, on the options' clock.
        using var headersTimeout = limits.HeadersTimeout == Timeout.InfiniteTimeSpan ? null : CreateTimeout(limits);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, headersTimeout?.Token ?? CancellationToken.None);
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var which = headersTimeout?.IsCancellationRequested == true
                ? FormattableString.Invariant($"{limits.HeadersTimeout.TotalSeconds:0.###} s, KlingResilienceOptions.QueryAttemptTimeout")
                : "HttpClient.Timeout";
            throw new KlingDownloadException(
                $"Downloading the video from {where} timed out ({which}) before the server answered.", statusCode: null, isRetryable: true, new TimeoutException(ex.Message, ex));
        }
        catch (HttpRequestException ex)
        {
            throw new KlingDownloadException($"Downloading the video from {where} failed before a response arrived: {ex.Message}", statusCode: null, isRetryable: true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw StatusError(response.StatusCode, where);
            }

            var expected = response.Content.Headers.ContentLength;
#if NET
            using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
            using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            long received = 0;
            try
            {
                progress?.Report(new KlingDownloadProgress(0, expected));
                while (true)
                {
                    int read;
                    try
                    {
#if NET
                        read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false);
#else
                        read = await body.ReadAsync(buffer, 0, BufferSize, cancellationToken).ConfigureAwait(false);
#endif
                    }
                    catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                    {
                        throw new KlingDownloadException(
                            $"The connection broke after {Bytes(received, expected)} of the video from {where}: {ex.Message}", statusCode: null, isRetryable: true, ex);
                    }
                    catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new KlingDownloadException(
                            $"Downloading the video from {where} timed out (HttpClient.Timeout) after {Bytes(received, expected)}.", statusCode: null, isRetryable: true, new TimeoutException(ex.Message, ex));
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    received += read;
                    if (received > expected)
                    {
                        throw new KlingDownloadException(
                            $"The video from {where} is longer than the {expected} bytes the server announced (Content-Length); the file cannot be trusted.", statusCode: null, isRetryable: true);
                    }

#if NET
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
#else
                    await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
#endif
                    progress?.Report(new KlingDownloadProgress(received, expected));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (expected is { } total && received != total)
            {
                throw new KlingDownloadException(
                    $"The video from {where} was cut short: {received} of {total} bytes arrived. Download it again.", statusCode: null, isRetryable: true);
            }

            return received;
        }
    }

    private static CancellationTokenSource CreateTimeout(DownloadLimits limits)
    {
#if NET
        return new CancellationTokenSource(limits.HeadersTimeout, limits.TimeProvider);
#else
        return limits.TimeProvider.CreateCancellationTokenSource(limits.HeadersTimeout);
#endif
    }

    /// <summary>How long the video host may take to answer, on which clock.</summary>
    internal readonly record struct DownloadLimits(TimeSpan HeadersTimeout, TimeProvider TimeProvider)
    {
        public static DownloadLimits None => new(Timeout.InfiniteTimeSpan, TimeProvider.System);
    }

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

    private static KlingDownloadException StatusError(HttpStatusCode status, string where)
    {
        var code = (int)status;
        if (code is 401 or 403 or 404 or 410)
        {
            return new KlingDownloadException(
                $"The video link {where} answered HTTP {code} {status}: it has most likely expired (Kling deletes results after 30 days and the "
                + "signed link can expire sooner). Query the task again with GetImageToVideoTaskAsync(taskId) for a fresh URL and download that.",
                status,
                isRetryable: false);
        }

        var retryable = code is 408 or 429 or >= 500;
        return new KlingDownloadException(
            $"Downloading the video from {where} failed: HTTP {code} {status}." + (retryable ? " This may succeed if retried later." : string.Empty),
            status,
            retryable);
    }

    /// <summary>The URL without its query: signed links carry their credentials there, and messages end up in logs.</summary>
    private static string Describe(Uri url) =>
        url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" : url.OriginalString.Split('?')[0];

    private static string Bytes(long received, long? expected) => expected is { } total ? $"{received} of {total} bytes" : $"{received} bytes";

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
