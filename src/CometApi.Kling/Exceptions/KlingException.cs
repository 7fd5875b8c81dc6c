namespace CometApi.Kling;

/// <summary>The base of every error the SDK raises about a call to the Kling API (validation errors are <see cref="ArgumentException"/>s).</summary>
public class KlingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KlingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    public KlingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="innerException">The underlying failure.</param>
    public KlingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception, saying whether sending the same request again later may succeed.</summary>
    /// <param name="message">What went wrong and what to do about it.</param>
    /// <param name="isRetryable">Whether a later retry of the same request may succeed.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public KlingException(string message, bool isRetryable, Exception? innerException = null)
        : base(message, innerException) => IsRetryable = isRetryable;

    /// <summary>Whether sending the same request again later may succeed (rate limits, server faults, network errors).</summary>
    public bool IsRetryable { get; }
}
