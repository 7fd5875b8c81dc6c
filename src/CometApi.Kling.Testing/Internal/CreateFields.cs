namespace CometApi.Kling.Testing.Internal;

/// <summary>The parts of a valid create body the engine needs to make the task.</summary>
internal sealed record CreateFields(string? ExternalTaskId, Uri? CallbackUrl, bool? Watermark, string Duration, string? Prompt);
