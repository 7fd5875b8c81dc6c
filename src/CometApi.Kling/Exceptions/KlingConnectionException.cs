namespace CometApi.Kling;

/// <summary>
/// No usable response arrived: the connection failed, was reset, or timed out. From a query, a list or a download it
/// is <see cref="KlingException.IsRetryable"/>: call again later. From a create, this type means the client proved no
/// task was made (the connection was never established, or a lookup by external id found nothing); a create whose
/// request may have reached the service is a <see cref="KlingAmbiguousCreateException"/> instead. From another billed
/// call that may have reached the service (<see cref="KlingClient.IdentifyFacesAsync"/>) it is not retryable.
/// </summary>
public class KlingConnectionException : KlingException
{
    /// <summary>Creates the exception.</summary>
    public KlingConnectionException()
        : base("The connection to the Kling API failed.", isRetryable: true)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public KlingConnectionException(string message)
        : base(message, isRetryable: true)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The network failure.</param>
    public KlingConnectionException(string message, Exception? innerException)
        : base(message, isRetryable: true, innerException)
    {
    }
}
