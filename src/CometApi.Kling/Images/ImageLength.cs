namespace CometApi.Kling.Images;

/// <summary>The size of a local image in bytes; <see cref="IsLowerBound"/> when a stream was read only up to the limit.</summary>
internal readonly record struct ImageLength(long Bytes, bool IsLowerBound);
