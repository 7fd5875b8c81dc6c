using System.Buffers;
using System.Net;
using System.Net.Http.Headers;

namespace CometApi.Kling.Download;

/// <summary>
/// One download across its attempts: what is already in the destination, how long the video is, and whether the host
/// resumes (it said <c>Accept-Ranges: bytes</c> or answered a range with <c>206</c>). Each attempt resumes with
/// <c>Range: bytes=N-</c> when it can, checks that a <c>206</c> starts at N (else the download starts over), starts
/// over when the host sends the whole video again, and checks the final length.
/// </summary>
internal sealed class VideoDownload
{
    private readonly HttpClient _httpClient;
    private readonly Uri _url;
    private readonly string _where;
    private readonly Stream _destination;
    private readonly long _origin;
    private readonly KlingVideoDownloader.FileProgress _progress;
    private readonly KlingVideoDownloader.DownloadSettings _settings;

    private long? _total;
    private bool _resumable;
    private EntityTagHeaderValue? _entityTag;

    public VideoDownload(HttpClient httpClient, Uri url, Stream destination, KlingVideoDownloader.FileProgress progress, KlingVideoDownloader.DownloadSettings settings)
    {
        _httpClient = httpClient;
        _url = url;
        _where = KlingVideoDownloader.Describe(url);
        _destination = destination;
        _origin = destination.CanSeek ? destination.Position : 0;
        _progress = progress;
        _settings = settings;
    }

    /// <summary>The bytes of the video now in the destination.</summary>
    public long Written { get; private set; }

    /// <summary>Runs one attempt; a retryable <see cref="KlingDownloadException"/> lets the pipeline run the next.</summary>
    public async Task AttemptAsync(CancellationToken cancellationToken)
    {
        var resumeFrom = Written > 0 && _resumable ? Written : 0;
        if (Written > 0 && resumeFrom == 0)
        {
            StartOver();
        }

        // Deliberately no Authorization header: the video host is not the API and must never see the key.
        using var request = new HttpRequestMessage(HttpMethod.Get, _url);
        if (resumeFrom > 0)
        {
            request.Headers.Range = new RangeHeaderValue(resumeFrom, null);
            if (_entityTag is { IsWeak: false } tag)
            {
                // If the video changed since, the host sends all of it (200) instead of a piece of another file.
                request.Headers.IfRange = new RangeConditionHeaderValue(tag);
            }
        }

        using var watchdog = new DownloadWatchdog(_settings.AttemptTimeout, _settings.TimeProvider, cancellationToken);
        try
        {
            await ReceiveAsync(request, resumeFrom, watchdog, cancellationToken).ConfigureAwait(false);
        }
        catch (KlingDownloadException ex) when (ex.IsRetryable && !ex.CannotContinue && Written > 0 && !_resumable && !_destination.CanSeek)
        {
            throw new KlingDownloadException(
                ex.Message + FormattableString.Invariant(
                    $" It is not retried: the destination stream already holds {Written} bytes and cannot be rewound, and the host does not resume downloads."),
                ex.StatusCode,
                isRetryable: true,
                ex.InnerException)
            {
                CannotContinue = true,
            };
        }
    }

    private async Task ReceiveAsync(HttpRequestMessage request, long resumeFrom, DownloadWatchdog watchdog, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        watchdog.Arm();
        try
        {
            response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var which = watchdog.Fired
                ? FormattableString.Invariant($"{watchdog.Limit.TotalSeconds:0.###} s, {_settings.AttemptTimeoutSetting}")
                : "HttpClient.Timeout";
            throw new KlingDownloadException(
                $"Downloading the video from {_where} timed out ({which}) before the server answered.", statusCode: null, isRetryable: true, new TimeoutException(ex.Message, ex));
        }
        catch (HttpRequestException ex)
        {
            throw new KlingDownloadException($"Downloading the video from {_where} failed before a response arrived: {ex.Message}", statusCode: null, isRetryable: true, ex);
        }
        finally
        {
            watchdog.Disarm();
        }

        using (response)
        {
            var total = Accept(response, resumeFrom);
            await CopyBodyAsync(response, total, watchdog, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks the answer against what was asked and returns the video's full length, when known.</summary>
    private long? Accept(HttpResponseMessage response, long resumeFrom)
    {
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && resumeFrom > 0)
        {
            _resumable = false;
            throw new KlingDownloadException(
                FormattableString.Invariant($"The video host {_where} refused to resume at byte {resumeFrom} (HTTP 416); the download starts over."),
                response.StatusCode,
                isRetryable: true);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw KlingVideoDownloader.StatusError(response, _where, _settings.TimeProvider);
        }

        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (range is not { HasRange: true, From: { } from } || from != resumeFrom || (_total is { } known && range.Length is { } length && length != known))
            {
                // A piece of the video other than the one asked for (or of a video of another length): nothing of it can be used.
                _resumable = false;
                throw new KlingDownloadException(
                    FormattableString.Invariant($"The video host {_where} answered the request for bytes {resumeFrom}- with '{range}'; the download starts over."),
                    response.StatusCode,
                    isRetryable: true);
            }

            _resumable = true;
            _total = range.Length ?? (response.Content.Headers.ContentLength is { } rest ? from + rest : null);
            return _total;
        }

        if (Written > 0)
        {
            // The host sent the whole video (it ignored the range, or the video changed): start over with it.
            if (!_destination.CanSeek)
            {
                throw new KlingDownloadException(
                    FormattableString.Invariant(
                        $"The video host {_where} sent the whole video again instead of resuming at byte {Written}, and the destination stream cannot be rewound; download into a new stream."),
                    response.StatusCode,
                    isRetryable: true)
                {
                    CannotContinue = true,
                };
            }

            StartOver();
        }

        _total = response.Content.Headers.ContentLength;
        _resumable = response.Headers.AcceptRanges.Contains("bytes");
        _entityTag = response.Headers.ETag;
        return _total;
    }

    private async Task CopyBodyAsync(HttpResponseMessage response, long? total, DownloadWatchdog watchdog, CancellationToken cancellationToken)
    {
#if NET
        using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        var buffer = ArrayPool<byte>.Shared.Rent(KlingVideoDownloader.BufferSize);
        try
        {
            _progress.Report(Written, total);
            while (true)
            {
                int read;
                watchdog.Arm();
                try
                {
#if NET
                    read = await body.ReadAsync(buffer.AsMemory(0, KlingVideoDownloader.BufferSize), watchdog.Token).ConfigureAwait(false);
#else
                    read = await body.ReadAsync(buffer, 0, KlingVideoDownloader.BufferSize, watchdog.Token).ConfigureAwait(false);
#endif
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
                {
                    throw new KlingDownloadException(
                        $"The connection broke after {KlingVideoDownloader.Bytes(Written, total)} of the video from {_where}: {ex.Message}", statusCode: null, isRetryable: true, ex);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    var why = watchdog.Fired
                        ? FormattableString.Invariant($"no data for {watchdog.Limit.TotalSeconds:0.###} s, {_settings.AttemptTimeoutSetting}")
                        : "HttpClient.Timeout";
                    throw new KlingDownloadException(
                        $"Downloading the video from {_where} stalled ({why}) after {KlingVideoDownloader.Bytes(Written, total)}.",
                        statusCode: null,
                        isRetryable: true,
                        new TimeoutException(ex.Message, ex));
                }
                finally
                {
                    watchdog.Disarm();
                }

                if (read == 0)
                {
                    break;
                }

                if (Written + read > total)
                {
                    // What is already saved cannot be trusted either: a retry starts over.
                    _resumable = false;
                    throw new KlingDownloadException(
                        $"The video from {_where} is longer than the {total} bytes the server announced (Content-Length); the file cannot be trusted.", statusCode: null, isRetryable: true);
                }

#if NET
                await _destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
#else
                await _destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
#endif
                Written += read;
                _progress.Report(Written, total);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        if (total is { } expected && Written != expected)
        {
            throw new KlingDownloadException(
                FormattableString.Invariant($"The video from {_where} was cut short: {Written} of {expected} bytes arrived. Download it again."),
                statusCode: null,
                isRetryable: true);
        }
    }

    /// <summary>Throws away what the destination holds of the video (the caller's earlier content stays).</summary>
    private void StartOver()
    {
        _destination.Position = _origin;
        try
        {
            _destination.SetLength(_origin);
        }
        catch (NotSupportedException)
        {
            // A stream that seeks but cannot be cut: the next bytes overwrite the old ones, and the length is checked.
        }

        Written = 0;
        _total = null;
    }
}
