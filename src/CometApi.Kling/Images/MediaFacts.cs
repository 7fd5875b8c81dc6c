namespace CometApi.Kling.Images;

/// <summary>
/// What preparing one local medium found, before any rule is applied: its size, and its header or why it has none.
/// The validator turns these facts into messages under its limits; it reads nothing itself.
/// </summary>
/// <param name="Length">The size (a lower bound when a stream was read only up to the limit).</param>
/// <param name="Header">An image's format and pixel size, when the header could be read.</param>
/// <param name="HeaderProblem">Why the bytes are not a readable header of the expected kind (without a final period).</param>
/// <param name="ReadFailure">Why the medium could not be read at all (missing file, closed stream...).</param>
/// <param name="Description">The source, described without its data.</param>
/// <param name="Audio">An audio file's format (and a WAV's length), when its first bytes could be read.</param>
internal readonly record struct MediaFacts(ImageLength Length, ImageHeader? Header, string? HeaderProblem, string? ReadFailure, string Description, AudioHeader? Audio = null);
