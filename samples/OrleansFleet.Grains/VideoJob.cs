namespace OrleansFleet;

/// <summary>What to make for one key: the caller's own data (a catalogue row), looked up by the grain, never stored by it.</summary>
/// <param name="ExternalTaskId">The key.</param>
/// <param name="ImagePath">The source image (a path every silo can read, e.g. a shared volume).</param>
/// <param name="Prompt">The prompt, or <see langword="null"/>.</param>
public sealed record VideoJob(string ExternalTaskId, string ImagePath, string? Prompt);
