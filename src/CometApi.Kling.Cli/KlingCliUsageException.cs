namespace CometApi.Kling.Cli;

/// <summary>A command line that cannot be carried out (e.g. a malformed address): reported as a usage error, exit code 2.</summary>
internal sealed class KlingCliUsageException : Exception
{
    public KlingCliUsageException()
    {
    }

    public KlingCliUsageException(string message)
        : base(message)
    {
    }

    public KlingCliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
