namespace CometApi.Kling.Cli.Output;

/// <summary>What <c>kling emulator --json</c> prints once listening, so a script can point other tools at it.</summary>
internal sealed record CliEmulatorInfo(Uri BaseAddress, string ApiKey);
