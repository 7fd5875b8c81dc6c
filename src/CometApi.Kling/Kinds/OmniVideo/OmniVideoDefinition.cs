using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.OmniVideo;

/// <summary>Omni video (<c>videos/omni-video</c>): its rules and body writer (kling-catalogue §3.9).</summary>
internal sealed class OmniVideoDefinition : KlingTaskDefinition<OmniVideoRequest>
{
    // Kling's own counting rules for the O1 model, the same on CometAPI and the official host (not a host's limit).
    internal const int MaxVideos = 1;
    internal const int MaxReferences = 7;
    internal const int MaxReferencesWithVideo = 4;

    private const string FirstFrame = "first_frame";
    private const string EndFrame = "end_frame";
    private const string BaseVideo = "base";
    private const string OmniO1 = "kling-video-o1";

    /// <summary>Chunk size used when a whole request is written synchronously (e.g. by <c>JsonSerializer</c>).</summary>
    private const int SynchronousChunkSize = 16 * 1024;

    private OmniVideoDefinition()
        : base(KlingTaskKind.OmniVideo, "omni-video")
    {
    }

    public static OmniVideoDefinition Instance { get; } = new();

    /// <summary>Writes the whole request, local images included (read synchronously).</summary>
    public static void Write(Utf8JsonWriter writer, OmniVideoRequest request)
    {
        foreach (var image in WriteBody(writer, request, externalTaskId: null))
        {
            image.WriteValueAsync(writer, SynchronousChunkSize, flush: false, useAsync: false, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Writes the body in the documented order up to each local image, whose <c>image_url</c> name is written and whose
    /// source is yielded for the caller to stream; URL images are written here.
    /// </summary>
    public static IEnumerable<ImageSource> WriteBody(Utf8JsonWriter writer, OmniVideoRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "model_name", request.ModelName?.ToString());
        WriteString(writer, "prompt", request.Prompt);
        if (request.Images is { } images)
        {
            writer.WriteStartArray("image_list");
            foreach (var item in images)
            {
                if (item is null)
                {
                    writer.WriteNullValue();
                    continue;
                }

                writer.WriteStartObject();
                if (item.Image is { Source: { } source })
                {
                    // Raw base64, streamed by the caller (never a data: prefix).
                    writer.WritePropertyName("image_url");
                    yield return source;
                }
                else if (item.Image?.Url is { } url)
                {
                    writer.WriteString("image_url", url.AbsoluteUri);
                }

                WriteString(writer, "type", item.Type?.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteElements(writer, request.Elements);
        WriteVideos(writer, request.Videos);
        WriteString(writer, "mode", request.Mode?.ToString());
        WriteString(writer, "aspect_ratio", request.AspectRatio?.ToString());
        WriteString(writer, "duration", request.Duration?.ToString());
        WriteMultiShot(writer, request.MultiShot, request.ShotType, request.Shots);
        WriteString(writer, "sound", request.Sound?.ToString());
        WriteWatermark(writer, request.WatermarkInfo);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>video_list</c> when set: each item's fields when set, <c>keep_original_sound</c> as "yes" or "no".</summary>
    private static void WriteVideos(Utf8JsonWriter writer, IReadOnlyList<KlingReferenceVideo>? videos)
    {
        if (videos is null)
        {
            return;
        }

        writer.WriteStartArray("video_list");
        foreach (var video in videos)
        {
            if (video is null)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            WriteString(writer, "video_url", video.VideoUrl?.AbsoluteUri);
            WriteString(writer, "refer_type", video.ReferenceType?.ToString());
            if (video.KeepOriginalSound is { } keep)
            {
                writer.WriteString("keep_original_sound", keep ? "yes" : "no");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(OmniVideoRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("model_name", request.ModelName is not null),
            ("prompt", request.Prompt is not null),
            ("image_list", request.Images is not null),
            ("element_list", request.Elements is not null),
            ("video_list", request.Videos is not null),
            ("mode", request.Mode is not null),
            ("aspect_ratio", request.AspectRatio is not null),
            ("duration", request.Duration is not null),
            ("multi_shot", request.MultiShot is not null),
            ("shot_type", request.ShotType is not null),
            ("multi_prompt", request.Shots is not null),
            ("sound", request.Sound is not null),
            ("watermark_info", request.WatermarkInfo is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(OmniVideoRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, OmniVideoRequest request, string? externalTaskId) =>
        WriteBody(writer, request, externalTaskId);

    protected override IEnumerable<KlingImage> LocalMedia(OmniVideoRequest request)
    {
        foreach (var item in request.Images ?? [])
        {
            if (item?.Image is { } image)
            {
                yield return image;
            }
        }
    }

    protected override void ReleaseAfterCall(OmniVideoRequest request)
    {
        // Allocates nothing: every create ends here.
        if (request.Images is { } images)
        {
            for (var i = 0; i < images.Count; i++)
            {
                images[i]?.Image?.Source?.ReleaseAfterCall();
            }
        }
    }

    protected override IReadOnlyList<KlingValidationError> Validate(OmniVideoRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        // The prompt drives every omni task; only a multi-shot video, whose rules below own it, may leave it out.
        if (string.IsNullOrWhiteSpace(request.Prompt) && request.MultiShot != true)
        {
            add("prompt", request.Prompt is null
                ? "prompt is required: omni video generates from it (refer to the inputs as <<<image_1>>>, <<<element_1>>>, <<<video_1>>>)."
                : "prompt is empty or blank; omni video generates from it.");
        }

        CheckText(request.Prompt, "prompt", limits.OmniVideo.MaxPromptLength, "OmniVideo.MaxPromptLength", add);

        var frames = CheckImages(request.Images, rules, add, prepared);
        CheckElements(request.Elements, add);
        var (videoCount, baseVideo) = CheckVideos(request.Videos, add);
        if (baseVideo && (frames.First > 0 || frames.End > 0))
        {
            add("image_list", "a first or end frame cannot be combined with a base video (refer_type \"base\"): Kling edits that video as it is; remove the frame or use refer_type \"feature\".");
        }

        // Kling: reference images + elements ≤ 7 without a reference video, ≤ 4 with one (every image_list item counts).
        var imageCount = request.Images?.Count ?? 0;
        var references = imageCount + (request.Elements?.Count ?? 0);
        var maxReferences = videoCount > 0 ? MaxReferencesWithVideo : MaxReferences;
        if (references > maxReferences)
        {
            add(imageCount > 0 ? "image_list" : "element_list", Invariant(
                $"image_list and element_list hold {references} inputs together; Kling accepts at most {maxReferences} {(videoCount > 0 ? "with a reference video" : "without a reference video")} ({MaxReferences} without one, {MaxReferencesWithVideo} with one)."));
        }

        rules.CheckMode(request.Mode, "mode", request.ModelName, KlingModel.KlingV3Omni.ToString(), add);

        if (request.AspectRatio is { } aspectRatio)
        {
            CheckAllowed(aspectRatio.ToString(), "aspect_ratio", limits.OmniVideo.AllowedAspectRatios, "OmniVideo.AllowedAspectRatios", add);
        }
        else if (frames.First == 0 && !baseVideo)
        {
            add("aspect_ratio", "aspect_ratio is required unless a first frame or a base video (refer_type \"base\") sets the frame: 16:9, 9:16 or 1:1.");
        }

        if (request.Duration is { } duration)
        {
            CheckDuration(request, duration.ToString(), imageCount, frames, videoCount, limits, add);
        }

        if (request.MultiShot == true)
        {
            CheckMultiShot(hasImageTail: false, request.ShotType, request.Prompt, request.Shots, request.Duration, add);
        }

        // Kling: "sound must be off with video_list" (the reference video's own sound is kept or dropped by keep_original_sound).
        if (videoCount > 0 && request.Sound is { } sound && sound.ToString() != "off")
        {
            add("sound", $"sound must be \"off\" with a reference video (video_list); it is \"{sound}\". Use keep_original_sound to keep the video's own sound.");
        }

        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(OmniVideoRequest), add);
        return errors;
    }

    /// <summary>Each image's own rules and the frame rules; returns how many first and end frames there are.</summary>
    private static (int First, int End) CheckImages(IReadOnlyList<KlingOmniImage>? images, RequestRules rules, Action<string, string> add, PreparedRequest prepared)
    {
        if (images is null)
        {
            return (0, 0);
        }

        var first = 0;
        var end = 0;
        var endIndex = -1;
        for (var i = 0; i < images.Count; i++)
        {
            var path = Invariant($"image_list[{i}]");
            if (images[i] is not { } item)
            {
                add(path, "the image is null.");
                continue;
            }

            if (item.Image is null)
            {
                add(path + ".image_url", "image_url is required: a public URL or a local image (KlingImage).");
            }

            rules.Inspect(item.Image, path + ".image_url", checkAspectRatio: true, add, prepared);

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
            add("image_list", Invariant($"image_list has {first} first frames; a video has one."));
        }

        if (end > 1)
        {
            add("image_list", Invariant($"image_list has {end} end frames; a video has one."));
        }

        if (end > 0 && first == 0)
        {
            add(Invariant($"image_list[{endIndex}].type"), "an end frame needs a first frame: Kling does not generate from an end frame alone; add an image with type first_frame.");
        }

        return (first, end);
    }

    private static void CheckElements(IReadOnlyList<KlingElement>? elements, Action<string, string> add)
    {
        for (var i = 0; i < (elements?.Count ?? 0); i++)
        {
            if (elements![i] is null)
            {
                add(Invariant($"element_list[{i}]"), "the element is null.");
            }
        }
    }

    /// <summary>The reference videos' own rules; returns how many there are and whether one is the video to edit.</summary>
    private static (int Count, bool Base) CheckVideos(IReadOnlyList<KlingReferenceVideo>? videos, Action<string, string> add)
    {
        if (videos is null)
        {
            return (0, false);
        }

        if (videos.Count > MaxVideos)
        {
            add("video_list", Invariant($"video_list has {videos.Count} videos; Kling accepts at most {MaxVideos}."));
        }

        var isBase = false;
        for (var i = 0; i < videos.Count; i++)
        {
            var path = Invariant($"video_list[{i}]");
            if (videos[i] is not { } video)
            {
                add(path, "the video is null.");
                continue;
            }

            if (video.VideoUrl is not { } url)
            {
                add(path + ".video_url", "video_url is required: the public http(s) address of an MP4 or MOV video.");
            }
            else if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                add(path + ".video_url", "video_url must be an absolute http or https URL: Kling downloads the video from it.");
            }

            isBase |= video.ReferenceType?.ToString() == BaseVideo;
        }

        return (videos.Count, isBase);
    }

    private static void CheckDuration(
        OmniVideoRequest request, string duration, int imageCount, (int First, int End) frames, int videoCount, KlingValidationLimits limits, Action<string, string> add)
    {
        CheckAllowed(duration, "duration", limits.OmniVideo.AllowedDurations, "OmniVideo.AllowedDurations", add);

        // Kling O1: text only, or a first frame with no other input, makes only 5 or 10 second videos (CometAPI and the
        // official O1 page). Checked for O1 only (the default model); other omni models document their own lengths.
        var isO1 = request.ModelName is not { } model || model.ToString() == OmniO1;
        var noOtherInput = videoCount == 0 && (request.Elements?.Count ?? 0) == 0;
        var textOnly = imageCount == 0 && noOtherInput;
        var firstFrameOnly = imageCount == 1 && frames.First == 1 && noOtherInput;
        if (isO1 && (textOnly || firstFrameOnly) && duration is not ("5" or "10") && limits.OmniVideo.AllowedDurations.Contains(duration))
        {
            add("duration", $"duration \"{duration}\" is not accepted {(textOnly ? "from text only" : "from a first frame alone")}: Kling O1 then makes only \"5\" or \"10\" second videos; \"3\" to \"10\" need a reference image, element or video.");
        }
    }
}
