namespace CometApi.Kling.Images;

/// <summary>
/// A medium a request sends (<see cref="KlingImage"/>, <see cref="KlingAudio"/>): a URL, or local data that
/// <see cref="PreparedRequest"/> stages, measures and streams as raw base64.
/// </summary>
internal interface ILocalMedia
{
    /// <summary>The public address, or <see langword="null"/> for local data.</summary>
    Uri? Url { get; }

    /// <summary>The local data, or <see langword="null"/> for a URL.</summary>
    ImageSource? Source { get; }
}
