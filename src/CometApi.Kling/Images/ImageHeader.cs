namespace CometApi.Kling.Images;

/// <summary>What the header of a local image says: its format and size in pixels.</summary>
internal readonly record struct ImageHeader(string Format, int Width, int Height);
