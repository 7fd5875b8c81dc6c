using System.ComponentModel;
using System.Text.Json.Serialization;
using CometApi.Kling.Serialization;

namespace CometApi.Kling;

/// <summary>
/// What kind of Kling task something is. Its identity is its short name (<see cref="Name"/>, e.g. <c>text2video</c>):
/// <see cref="ToString"/>, JSON and the CLI show it; <see cref="Route"/> is where the kind lives under <c>v1/</c>
/// (e.g. <c>videos/text2video</c>). Every task the client returns carries its kind (<see cref="TaskData.Kind"/>), so
/// querying, waiting, downloading and callbacks work for a task of any kind. Unknown routes are kept as they are (their
/// name is their route).
/// </summary>
[JsonConverter(typeof(KlingTaskKindJsonConverter))]
public readonly struct KlingTaskKind : IEquatable<KlingTaskKind>
{
    private const string ImageToVideoRoute = "videos/image2video";
    private const string TextToVideoRoute = "videos/text2video";
    private const string MultiImageToVideoRoute = "videos/multi-image2video";
    private const string VideoExtendRoute = "videos/video-extend";
    private const string AvatarRoute = "videos/avatar/image2video";
    private const string EffectsRoute = "videos/effects";
    private const string LipSyncRoute = "videos/advanced-lip-sync";
    private const string OmniVideoRoute = "videos/omni-video";
    private const string ImageGenerationRoute = "images/generations";
    private const string VirtualTryOnRoute = "images/kolors-virtual-try-on";
    private const string TextToAudioRoute = "audio/text-to-audio";
    private const string VideoToAudioRoute = "audio/video-to-audio";

    private readonly string? _route;

    /// <summary>Creates a kind from its route under <c>v1/</c>, or from a known kind's short name (<see cref="Name"/>).</summary>
    /// <param name="routeOrName">The route, e.g. <c>"videos/text2video"</c>, or a short name such as <c>"text2video"</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="routeOrName"/> is <see langword="null"/>.</exception>
    public KlingTaskKind(string routeOrName)
    {
        if (routeOrName is null)
        {
            throw new ArgumentNullException(nameof(routeOrName));
        }

        var trimmed = routeOrName.Trim().Trim('/');
        _route = FromName(trimmed) ?? trimmed;
    }

    /// <summary>Image to video (<c>videos/image2video</c>, short name <c>image2video</c>).</summary>
    public static KlingTaskKind ImageToVideo { get; } = new(ImageToVideoRoute);

    /// <summary>Text to video (<c>videos/text2video</c>, short name <c>text2video</c>).</summary>
    public static KlingTaskKind TextToVideo { get; } = new(TextToVideoRoute);

    /// <summary>Multi-image to video (<c>videos/multi-image2video</c>, short name <c>multi-image2video</c>).</summary>
    public static KlingTaskKind MultiImageToVideo { get; } = new(MultiImageToVideoRoute);

    /// <summary>Video extension (<c>videos/video-extend</c>, short name <c>video-extend</c>).</summary>
    public static KlingTaskKind VideoExtend { get; } = new(VideoExtendRoute);

    /// <summary>Avatar (an image that speaks an audio) (<c>videos/avatar/image2video</c>, short name <c>avatar</c>).</summary>
    public static KlingTaskKind Avatar { get; } = new(AvatarRoute);

    /// <summary>Video effects (<c>videos/effects</c>, short name <c>effects</c>).</summary>
    public static KlingTaskKind Effects { get; } = new(EffectsRoute);

    /// <summary>Lip-sync (<c>videos/advanced-lip-sync</c>, short name <c>lip-sync</c>).</summary>
    public static KlingTaskKind LipSync { get; } = new(LipSyncRoute);

    /// <summary>Omni video (<c>videos/omni-video</c>, short name <c>omni-video</c>).</summary>
    public static KlingTaskKind OmniVideo { get; } = new(OmniVideoRoute);

    /// <summary>Image generation (<c>images/generations</c>, short name <c>image-generation</c>).</summary>
    public static KlingTaskKind ImageGeneration { get; } = new(ImageGenerationRoute);

    /// <summary>Virtual try-on (<c>images/kolors-virtual-try-on</c>, short name <c>virtual-try-on</c>).</summary>
    public static KlingTaskKind VirtualTryOn { get; } = new(VirtualTryOnRoute);

    /// <summary>Text to audio (<c>audio/text-to-audio</c>, short name <c>text-to-audio</c>).</summary>
    public static KlingTaskKind TextToAudio { get; } = new(TextToAudioRoute);

    /// <summary>Video to audio (<c>audio/video-to-audio</c>, short name <c>video-to-audio</c>).</summary>
    public static KlingTaskKind VideoToAudio { get; } = new(VideoToAudioRoute);

    /// <summary>Every kind this SDK types, in the order the documentation lists them.</summary>
    public static IReadOnlyList<KlingTaskKind> Known { get; } =
    [
        ImageToVideo,
        TextToVideo,
        MultiImageToVideo,
        VideoExtend,
        Avatar,
        Effects,
        LipSync,
        OmniVideo,
        ImageGeneration,
        VirtualTryOn,
        TextToAudio,
        VideoToAudio,
    ];

    /// <summary>The route under <c>v1/</c> that creates, queries and lists tasks of this kind (e.g. <c>videos/text2video</c>).</summary>
    public string Route => _route ?? string.Empty;

    /// <summary>
    /// The kind's identity: its short name, e.g. <c>text2video</c> or <c>image-generation</c>, as <see cref="ToString"/>,
    /// JSON and the CLI's <c>--kind</c> write it; the route for a kind this SDK does not know.
    /// </summary>
    public string Name => Route switch
    {
        ImageToVideoRoute => "image2video",
        TextToVideoRoute => "text2video",
        MultiImageToVideoRoute => "multi-image2video",
        VideoExtendRoute => "video-extend",
        AvatarRoute => "avatar",
        EffectsRoute => "effects",
        LipSyncRoute => "lip-sync",
        OmniVideoRoute => "omni-video",
        ImageGenerationRoute => "image-generation",
        VirtualTryOnRoute => "virtual-try-on",
        TextToAudioRoute => "text-to-audio",
        VideoToAudioRoute => "video-to-audio",
        _ => Route,
    };

    /// <summary>Whether this is the default value (no kind): e.g. a task read from a callback body, which does not say.</summary>
    public bool IsUnspecified => string.IsNullOrEmpty(_route);

    /// <summary>Compares two kinds by route, ignoring case.</summary>
    public static bool operator ==(KlingTaskKind left, KlingTaskKind right) => left.Equals(right);

    /// <summary>Compares two kinds by route, ignoring case.</summary>
    public static bool operator !=(KlingTaskKind left, KlingTaskKind right) => !left.Equals(right);

    /// <summary>Converts a route or short name to a <see cref="KlingTaskKind"/>.</summary>
    public static implicit operator KlingTaskKind(string routeOrName) => new(routeOrName);

    /// <summary>Finds a kind this SDK knows by its short name or route (the CLI's <c>--kind</c>).</summary>
    /// <param name="routeOrName">e.g. <c>text2video</c> or <c>videos/text2video</c>.</param>
    /// <param name="kind">The kind found, or the default value.</param>
    /// <returns>Whether the name is a known kind.</returns>
    public static bool TryParse(string? routeOrName, out KlingTaskKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(routeOrName))
        {
            return false;
        }

        var candidate = new KlingTaskKind(routeOrName!);
        foreach (var known in Known)
        {
            if (known.Equals(candidate))
            {
                kind = known;
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is KlingTaskKind other && Equals(other);

    /// <inheritdoc/>
    public bool Equals(KlingTaskKind other) => string.Equals(_route, other._route, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _route is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_route);

    /// <summary>Returns the short name (<see cref="Name"/>, e.g. <c>text2video</c>); <see cref="Route"/> gives the route.</summary>
    public override string ToString() => Name;

    // A known kind, however it is spelled (short name or route, any case), keeps its canonical route: the client builds
    // URLs from Route, and Kling's paths are lower case.
    private static string? FromName(string name) => name.ToUpperInvariant() switch
    {
        "IMAGE2VIDEO" or "VIDEOS/IMAGE2VIDEO" => ImageToVideoRoute,
        "TEXT2VIDEO" or "VIDEOS/TEXT2VIDEO" => TextToVideoRoute,
        "MULTI-IMAGE2VIDEO" or "VIDEOS/MULTI-IMAGE2VIDEO" => MultiImageToVideoRoute,
        "VIDEO-EXTEND" or "VIDEOS/VIDEO-EXTEND" => VideoExtendRoute,
        "AVATAR" or "VIDEOS/AVATAR/IMAGE2VIDEO" => AvatarRoute,
        "EFFECTS" or "VIDEOS/EFFECTS" => EffectsRoute,
        "LIP-SYNC" or "VIDEOS/ADVANCED-LIP-SYNC" => LipSyncRoute,
        "OMNI-VIDEO" or "VIDEOS/OMNI-VIDEO" => OmniVideoRoute,
        "IMAGE-GENERATION" or "IMAGES/GENERATIONS" => ImageGenerationRoute,
        "VIRTUAL-TRY-ON" or "IMAGES/KOLORS-VIRTUAL-TRY-ON" => VirtualTryOnRoute,
        "TEXT-TO-AUDIO" or "AUDIO/TEXT-TO-AUDIO" => TextToAudioRoute,
        "VIDEO-TO-AUDIO" or "AUDIO/VIDEO-TO-AUDIO" => VideoToAudioRoute,
        _ => null,
    };
}
