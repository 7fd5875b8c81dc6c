namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The route table: every kind of task the emulator serves. Adding a kind means one row here, its checker and (when
/// it yields something other than an MP4) its <see cref="ResultMedia"/>; the engine needs no change.
/// </summary>
internal static class TaskKinds
{
    public static IReadOnlyList<TaskKind> All { get; } =
    [
        new("videos/image2video", ImageToVideoChecker.Validate, ResultMedia.Mp4Video),
        new("videos/text2video", TextToVideoChecker.Validate, ResultMedia.Mp4Video),
        new("videos/multi-image2video", MultiImageToVideoChecker.Validate, ResultMedia.Mp4Video),
        new("videos/effects", EffectsChecker.Validate, ResultMedia.Mp4VideoWithoutDuration),
        new("images/generations", ImageGenerationChecker.Validate, ResultMedia.PngImages),
        new("images/kolors-virtual-try-on", VirtualTryOnChecker.Validate, ResultMedia.JpegImages),
        new("videos/video-extend", VideoExtendChecker.Validate, ResultMedia.Mp4Video, VideoExtendChecker.WriteParentVideo),
        new("videos/omni-video", OmniVideoChecker.Validate, ResultMedia.Mp4Video),
        new("audio/text-to-audio", TextToAudioChecker.Validate, ResultMedia.Audio),
        new("audio/video-to-audio", VideoToAudioChecker.Validate, ResultMedia.VideoAndAudio),
        new("videos/avatar/image2video", AvatarChecker.Validate, ResultMedia.Mp4Video),
        new("videos/advanced-lip-sync", LipSyncChecker.Validate, ResultMedia.Mp4Video),
    ];

    public static IReadOnlyList<string> Routes { get; } = [.. All.Select(kind => kind.Route)];

    /// <summary>The kind whose route, under <paramref name="prefix"/>, is exactly <paramref name="path"/> (no trailing slash), or null.</summary>
    public static TaskKind? ByPath(string prefix, string path) =>
        path.StartsWith(prefix, StringComparison.Ordinal) ? All.FirstOrDefault(kind => string.Equals(kind.Route, path[prefix.Length..], StringComparison.Ordinal)) : null;

    /// <summary>The kind whose route, under <paramref name="prefix"/>, is <paramref name="path"/> minus one last segment (a task id), or null.</summary>
    public static TaskKind? ByTaskPath(string prefix, string path, out string taskId)
    {
        taskId = string.Empty;
        var slash = path.LastIndexOf('/');
        if (slash <= 0 || slash == path.Length - 1 || ByPath(prefix, path[..slash]) is not { } kind)
        {
            return null;
        }

        taskId = path[(slash + 1)..];
        return kind;
    }
}
