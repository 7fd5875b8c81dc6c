namespace CometApi.Kling;

/// <summary>
/// A request was not sent because it breaks documented limits. <see cref="Errors"/> lists every problem at once, and the
/// message lists them too, one per line.
/// </summary>
public sealed class KlingValidationException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public KlingValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message and no listed errors.</summary>
    /// <param name="message">What went wrong.</param>
    public KlingValidationException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates the exception with a message, its cause and no listed errors.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public KlingValidationException(string message, Exception? innerException)
        : base(message, innerException) => Errors = [];

    /// <summary>Creates the exception for a request with the given problems.</summary>
    /// <param name="errors">Every problem found.</param>
    /// <param name="paramName">The argument that holds the request.</param>
    /// <exception cref="ArgumentNullException"><paramref name="errors"/> is <see langword="null"/>.</exception>
    public KlingValidationException(IReadOnlyList<KlingValidationError> errors, string? paramName = null)
        : base(Describe(errors), paramName) => Errors = errors.ToArray();

    /// <summary>Every problem found, in field order.</summary>
    public IReadOnlyList<KlingValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<KlingValidationError> errors)
    {
        if (errors is null)
        {
            throw new ArgumentNullException(nameof(errors));
        }

        var lines = errors.Select(error => $"{Environment.NewLine}- {error}");
        return errors.Count switch
        {
            0 => "The request is not valid; nothing was sent.",
            1 => "The request has 1 problem; nothing was sent:" + string.Concat(lines),
            _ => $"The request has {errors.Count} problems; nothing was sent:" + string.Concat(lines),
        };
    }
}
