using System.Text;

namespace CometApi.Kling.Http;

/// <summary>
/// Removes the API key and base64 data runs from any text the SDK shows: server messages may echo headers or the
/// request body back, and a handler's exception text may quote them. Exceptions are rebuilt only when their text
/// actually held a secret, so ordinary network errors keep their original type, stack trace and inner exceptions.
/// </summary>
internal sealed class SecretRedactor(params string?[] secrets)
{
    internal const string Mask = "[REDACTED]";

    /// <summary>
    /// A run of at least this many base64 characters is taken for data (an image, a token), never for prose. Ids stay
    /// readable: task ids are 18 digits, generated external ids 32 hex digits after <c>kling-</c>.
    /// </summary>
    internal const int MinBase64Run = 64;

    /// <summary>The text without the key and without base64 runs (<see cref="MinBase64Run"/> characters or more).</summary>
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text!.Replace(secret, Mask);
            }
        }

        return RedactBase64Runs(text!);
    }

    /// <summary>
    /// The exception itself when no message in its chain holds the key or a base64 run; otherwise a copy of the chain
    /// with redacted messages that keeps what callers branch on (<see cref="HttpRequestException"/> and its status and
    /// error kind, <see cref="IOException"/>, a socket error code, otherwise the original type name and stack trace).
    /// </summary>
    public Exception Sanitize(Exception exception) => IsClean(exception) ? exception : Rebuild(exception);

    private bool IsClean(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; exception = exception.InnerException, depth++)
        {
            if (!string.Equals(Redact(exception.Message), exception.Message, StringComparison.Ordinal))
            {
                return false;
            }

            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count > 1 && !aggregate.InnerExceptions.All(IsClean))
            {
                return false;
            }
        }

        return true;
    }

    private Exception Rebuild(Exception exception)
    {
        var message = Redact(exception.Message) ?? string.Empty;
        var inner = exception.InnerException is { } cause ? (IsClean(cause) ? cause : Rebuild(cause)) : null;
        return exception switch
        {
#if NET
            HttpRequestException http => new HttpRequestException(http.HttpRequestError, message, inner, http.StatusCode),
#else
            HttpRequestException => new HttpRequestException(message, inner),
#endif
            IOException => new IOException(message, inner),

            // The OS's own text for the code replaces a message that quoted a secret; the code (what retries branch on) stays.
            System.Net.Sockets.SocketException socket => new System.Net.Sockets.SocketException((int)socket.SocketErrorCode),
            _ => new RedactedException(exception, message, inner),
        };
    }

    private static string RedactBase64Runs(string text)
    {
        StringBuilder? builder = null;
        var copied = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsBase64(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsBase64(text[i]))
            {
                i++;
            }

            while (i < text.Length && text[i] == '=')
            {
                i++;
            }

            var length = i - start;
            if (length < MinBase64Run)
            {
                continue;
            }

            builder ??= new StringBuilder(text.Length);
            builder.Append(text, copied, start - copied);
            builder.Append("[REDACTED ").Append(length).Append(" base64 chars]");
            copied = i;
        }

        return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsBase64(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/';

    /// <summary>Stands in for an exception whose message held a secret: its type name and stack trace survive, its text is redacted.</summary>
    private sealed class RedactedException(Exception original, string message, Exception? inner)
        : Exception($"{original.GetType().FullName}: {message}", inner)
    {
        private readonly string? _stackTrace = original.StackTrace;

        public override string? StackTrace => _stackTrace;
    }
}
