namespace CometApi.Kling.Cli;

/// <summary>The options every command takes: where to send requests, with which key, and how to print.</summary>
internal sealed record CliGlobalOptions(string? ApiKey, string? BaseAddress, bool UseEmulator, bool Json);
