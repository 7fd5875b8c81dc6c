namespace CometApi.Kling.Cli;

/// <summary>
/// The options every command takes: which host (<c>--host cometapi|official</c>), where to send requests, with which
/// credentials (a key, or Kling's access key + secret key), and how to print.
/// </summary>
internal sealed record CliGlobalOptions(string? ApiKey, string? BaseAddress, bool UseEmulator, bool Json)
{
    /// <summary>The host named by <c>--host</c>.</summary>
    public KlingHost Host { get; init; }

    /// <summary>A Kling access key (<c>--access-key</c>; Kling's own host only).</summary>
    public string? AccessKey { get; init; }

    /// <summary>The Kling secret key that signs the access key's tokens (<c>--secret-key</c>; Kling's own host only).</summary>
    public string? SecretKey { get; init; }
}
