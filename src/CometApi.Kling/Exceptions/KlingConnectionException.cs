namespace CometApi.Kling;

/// <summary>
/// No usable response arrived: the connection failed, was reset, or timed out. The request may or may not have
/// reached the service, so for a create, look the task up by its external id before sending it again.
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
