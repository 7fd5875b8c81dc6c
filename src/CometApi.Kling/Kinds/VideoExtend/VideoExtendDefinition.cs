using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.VideoExtend;

/// <summary>Video extension (<c>videos/video-extend</c>): its rules and body writer (kling-catalogue §3.3).</summary>
internal sealed class VideoExtendDefinition : KlingTaskDefinition<VideoExtendRequest>
{
    private VideoExtendDefinition()
        : base(KlingTaskKind.VideoExtend, "video-extension")
    {
    }

    public static VideoExtendDefinition Instance { get; } = new();

    /// <summary>
    /// The route lists no <c>external_task_id</c>: the official body is video_id, prompt, negative_prompt, cfg_scale and
    /// callback_url, every sibling route lists the id and this one does not, and CometAPI's pages do not either. An id the
    /// service ignored would make the lookup after an ambiguous create say "not made" and the create be sent again.
    /// </summary>
    public override bool TakesExternalTaskId => false;

    /// <summary>Writes the whole body in the documented order; it holds no local media.</summary>
    public static void Write(Utf8JsonWriter writer, VideoExtendRequest request)
    {
        writer.WriteStartObject();
        WriteString(writer, "task_id", request.ParentTaskId);
        WriteString(writer, "video_id", request.VideoId);
        WriteString(writer, "prompt", request.Prompt);
        WriteString(writer, "negative_prompt", request.NegativePrompt);
        if (request.CfgScale is { } cfgScale)
        {
            writer.WriteNumber("cfg_scale", cfgScale);
        }

        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(VideoExtendRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("task_id", request.ParentTaskId is not null),
            ("video_id", request.VideoId is not null),
            ("prompt", request.Prompt is not null),
            ("negative_prompt", request.NegativePrompt is not null),
            ("cfg_scale", request.CfgScale is not null),
            ("callback_url", request.CallbackUrl is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(VideoExtendRequest request) => null;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, VideoExtendRequest request, string? externalTaskId)
    {
        // externalTaskId is always null here: TakesExternalTaskId is false, so the client chooses none.
        Write(writer, request);
        return [];
    }

    protected override IReadOnlyList<KlingValidationError> Validate(VideoExtendRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        if (request.ParentTaskId is { } taskId && taskId.Trim().Length == 0)
        {
            add("task_id", "task_id is empty or blank; leave it null or set the parent task's id.");
        }

        // Kling extends the video named by video_id; without one there is nothing to continue.
        if (string.IsNullOrWhiteSpace(request.VideoId))
        {
            add("video_id", request.VideoId is null
                ? "video_id is required: the id of the video to extend (task_result.videos[].id of a succeeded task)."
                : "video_id is empty or blank; set the id of the video to extend (task_result.videos[].id of a succeeded task).");
        }

        CheckText(request.Prompt, "prompt", limits.MaxPromptLength, nameof(KlingValidationLimits.MaxPromptLength), add);
        CheckText(request.NegativePrompt, "negative_prompt", limits.MaxNegativePromptLength, nameof(KlingValidationLimits.MaxNegativePromptLength), add);

        // No model_name on this route (the model follows the parent video), so only the range is checked.
        rules.CheckCfgScale(request.CfgScale, modelName: null, add);
        CheckCallbackUrl(request.CallbackUrl, add);
        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(VideoExtendRequest), add);
        return errors;
    }
}
