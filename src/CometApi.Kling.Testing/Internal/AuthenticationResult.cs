namespace CometApi.Kling.Testing.Internal;

/// <summary>An authentication's outcome: the account acted for (null when refused), the refusal, and what was seen.</summary>
internal readonly record struct AuthenticationResult(string? Account, EngineResponse? Refusal, KlingEmulatorAuthentication Seen);
