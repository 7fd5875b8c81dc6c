using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.OmniVideoRequest>;

namespace CometApi.Kling.Kinds.OmniVideo;

/// <summary>Omni video (<c>videos/omni-video</c>): its wire fields and rules (kling-catalogue §3.9).</summary>
internal sealed class OmniVideoDefinition() : KlingTaskDefinition<OmniVideoRequest>(
    KlingTaskKind.OmniVideo,
    "omni-video",
    [
        Choice("model_name", static r => r.ModelName),
        Text("prompt", static r => r.Prompt),
        List("image_list", static r => r.Images, ImageItem),
        List("element_list", static r => r.Elements, WireValues.Element),
        List("video_list", static r => r.Videos, VideoItem),
        Choice("mode", static r => r.Mode),
        Choice("aspect_ratio", static r => r.AspectRatio),
        Choice("duration", static r => r.Duration),
        Flag("multi_shot", static r => r.MultiShot),
        Choice("shot_type", static r => r.ShotType),
        List("multi_prompt", static r => r.Shots, WireValues.Shot),
        Choice("sound", static r => r.Sound),
        Object("watermark_info", static r => r.WatermarkInfo, WireValues.Watermark),
        CallbackUrl,
        ExternalTaskId(static r => r.ExternalTaskId),
    ])
{
    // Kling's own counting rules for the O1 model, the same on CometAPI and the official host (not a host's limit).
    internal const int MaxVideos = 1;
    internal const int MaxReferences = 7;
    internal const int MaxReferencesWithVideo = 4;

    private const string FirstFrame = "first_frame";
    private const string EndFrame = "end_frame";
    private const string BaseVideo = "base";
    private const string OmniO1 = "kling-video-o1";

    /// <summary>An <c>image_list</c> item: the image as <c>image_url</c> (a URL or raw base64) and its role.</summary>
    private static readonly WireObject<KlingOmniImage> ImageItem = new(
    [
        Wire<KlingOmniImage>.Image("image_url", static item => item.Image),
        Wire<KlingOmniImage>.Choice("type", static item => item.Type),
    ]);

    /// <summary>A <c>video_list</c> item; <c>keep_original_sound</c> is "yes" or "no" on the wire.</summary>
    private static readonly WireObject<KlingReferenceVideo> VideoItem = new(
    [
        Wire<KlingReferenceVideo>.Url("video_url", static video => video.VideoUrl),
        Wire<KlingReferenceVideo>.Choice("refer_type", static video => video.ReferenceType),
        Wire<KlingReferenceVideo>.Text("keep_original_sound", static video => video.KeepOriginalSound is { } keep ? (keep ? "yes" : "no") : null),
    ]);

    public static OmniVideoDefinition Instance { get; } = new();

    protected override void Validate(OmniVideoRequest request, RequestRules rules)
    {
        var limits = rules.Limits;

        // The prompt drives every omni task; only a multi-shot video, whose rules below own it, may leave it out.
        rules.CheckPrompt(
            request.Prompt,
            request.MultiShot == true ? null : "omni video generates from it (refer to the inputs as <<<image_1>>>, <<<element_1>>>, <<<video_1>>>)",
            limits.OmniVideo.MaxPromptLength,
            "OmniVideo.MaxPromptLength");

        var frames = CheckImages(request.Images, rules);
        rules.CheckNoNullItems(request.Elements, "element_list", "element");
        var (videoCount, baseVideo) = CheckVideos(request.Videos, rules);
        if (baseVideo && (frames.First > 0 || frames.End > 0))
        {
            rules.Add("image_list", "a first or end frame cannot be combined with a base video (refer_type \"base\"): Kling edits that video as it is; remove the frame or use refer_type \"feature\".");
        }

        // Kling: reference images + elements ≤ 7 without a reference video, ≤ 4 with one (every image_list item counts).
        var imageCount = request.Images?.Count ?? 0;
        var references = imageCount + (request.Elements?.Count ?? 0);
        var maxReferences = videoCount > 0 ? MaxReferencesWithVideo : MaxReferences;
        if (references > maxReferences)
        {
            rules.Add(imageCount > 0 ? "image_list" : "element_list", Invariant(
                $"image_list and element_list hold {references} inputs together; Kling accepts at most {maxReferences} {(videoCount > 0 ? "with a reference video" : "without a reference video")} ({MaxReferences} without one, {MaxReferencesWithVideo} with one)."));
        }

        rules.CheckMode(request.Mode, "mode", request.ModelName, KlingModel.KlingV3Omni.ToString());
        if (request.AspectRatio is null && frames.First == 0 && !baseVideo)
        {
            rules.Add("aspect_ratio", "aspect_ratio is required unless a first frame or a base video (refer_type \"base\") sets the frame: 16:9, 9:16 or 1:1.");
        }

        rules.CheckAspectRatio(request.AspectRatio, limits.OmniVideo.AllowedAspectRatios, "OmniVideo.AllowedAspectRatios");
        if (request.Duration is { } duration)
        {
            CheckDuration(request, duration.ToString(), imageCount, frames, videoCount, rules);
        }

        rules.CheckMultiShot(request.MultiShot, hasImageTail: false, request.ShotType, request.Prompt, request.Shots, request.Duration);

        // Kling: "sound must be off with video_list" (the reference video's own sound is kept or dropped by keep_original_sound).
        if (videoCount > 0 && request.Sound is { } sound && sound.ToString() != "off")
        {
            rules.Add("sound", $"sound must be \"off\" with a reference video (video_list); it is \"{sound}\". Use keep_original_sound to keep the video's own sound.");
        }
    }

    /// <summary>Each image's own rules and the frame rules; returns how many first and end frames there are.</summary>
    private static (int First, int End) CheckImages(IReadOnlyList<KlingOmniImage?>? images, RequestRules rules)
    {
        var (first, end, endIndex) = (0, 0, -1);
        for (var i = 0; i < (images?.Count ?? 0); i++)
        {
            if (!rules.Item(images!, i, "image_list", "image", out var item, out var path))
            {
                continue;
            }

            rules.RequireImage(item.Image, path + ".image_url", "image_url is required: a public URL or a local image (KlingImage).");

            // Compared as sent, like every other value; a type this SDK does not know is left to the service.
            switch (item.Type?.ToString())
            {
                case FirstFrame:
                    first++;
                    break;
                case EndFrame:
                    end++;
                    endIndex = endIndex < 0 ? i : endIndex;
                    break;
            }
        }

        if (first > 1)
        {
            rules.Add("image_list", Invariant($"image_list has {first} first frames; a video has one."));
        }

        if (end > 1)
        {
            rules.Add("image_list", Invariant($"image_list has {end} end frames; a video has one."));
        }

        if (end > 0 && first == 0)
        {
            rules.Add(Invariant($"image_list[{endIndex}].type"), "an end frame needs a first frame: Kling does not generate from an end frame alone; add an image with type first_frame.");
        }

        return (first, end);
    }

    /// <summary>The reference videos' own rules; returns how many there are and whether one is the video to edit.</summary>
    private static (int Count, bool Base) CheckVideos(IReadOnlyList<KlingReferenceVideo?>? videos, RequestRules rules)
    {
        if (videos is null)
        {
            return (0, false);
        }

        if (videos.Count > MaxVideos)
        {
            rules.Add("video_list", Invariant($"video_list has {videos.Count} videos; Kling accepts at most {MaxVideos}."));
        }

        var isBase = false;
        for (var i = 0; i < videos.Count; i++)
        {
            if (!rules.Item(videos, i, "video_list", "video", out var video, out var path))
            {
                continue;
            }

            if (video.VideoUrl is not { } url)
            {
                rules.Add(path + ".video_url", "video_url is required: the public http(s) address of an MP4 or MOV video.");
            }
            else if (!RequestRules.IsHttpUrl(url))
            {
                rules.Add(path + ".video_url", "video_url must be an absolute http or https URL: Kling downloads the video from it.");
            }

            isBase |= video.ReferenceType?.ToString() == BaseVideo;
        }

        return (videos.Count, isBase);
    }

    private static void CheckDuration(OmniVideoRequest request, string duration, int imageCount, (int First, int End) frames, int videoCount, RequestRules rules)
    {
        var allowed = rules.Limits.OmniVideo.AllowedDurations;
        rules.CheckAllowed(duration, "duration", allowed, "OmniVideo.AllowedDurations");

        // Kling O1: text only, or a first frame with no other input, makes only 5 or 10 second videos (CometAPI and the
        // official O1 page). Checked for O1 only (the default model); other omni models document their own lengths.
        var isO1 = request.ModelName is not { } model || model.ToString() == OmniO1;
        var noOtherInput = videoCount == 0 && (request.Elements?.Count ?? 0) == 0;
        var textOnly = imageCount == 0 && noOtherInput;
        var firstFrameOnly = imageCount == 1 && frames.First == 1 && noOtherInput;
        if (isO1 && (textOnly || firstFrameOnly) && duration is not ("5" or "10") && allowed.Contains(duration))
        {
            rules.Add("duration", $"duration \"{duration}\" is not accepted {(textOnly ? "from text only" : "from a first frame alone")}: Kling O1 then makes only \"5\" or \"10\" second videos; \"3\" to \"10\" need a reference image, element or video.");
        }
    }
}
