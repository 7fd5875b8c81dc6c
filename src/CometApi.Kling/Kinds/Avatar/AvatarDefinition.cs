using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Serialization;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.Avatar;

/// <summary>Avatar (<c>videos/avatar/image2video</c>): its rules and body writer (kling-catalogue §3.4).</summary>
internal sealed class AvatarDefinition : KlingTaskDefinition<AvatarRequest>
{
    private AvatarDefinition()
        : base(KlingTaskKind.Avatar, "avatar")
    {
    }

    public static AvatarDefinition Instance { get; } = new();

    /// <summary>Writes the body in wire order, yielding the local image and audio after their property names.</summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, AvatarRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        if (MediaFieldWriter.Write(writer, "image", request.Image) is { } image)
        {
            yield return image;
        }

        WriteString(writer, "audio_id", request.AudioId);
        if (MediaFieldWriter.Write(writer, "sound_file", request.Audio) is { } sound)
        {
            yield return sound;
        }

        WriteString(writer, "prompt", request.Prompt);
        WriteString(writer, "mode", request.Mode?.ToString());
        WriteWatermark(writer, request.WatermarkInfo);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(AvatarRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("image", request.Image is not null),
            ("audio_id", request.AudioId is not null),
            ("sound_file", request.Audio is not null),
            ("prompt", request.Prompt is not null),
            ("mode", request.Mode is not null),
            ("watermark_info", request.WatermarkInfo is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(AvatarRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, AvatarRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IEnumerable<KlingImage> LocalMedia(AvatarRequest request) =>
        request.Image is { } image ? [image] : [];

    protected override IEnumerable<KlingAudio> LocalAudio(AvatarRequest request) =>
        request.Audio is { } sound ? [sound] : [];

    protected override void ReleaseAfterCall(AvatarRequest request)
    {
        request.Image?.Source?.ReleaseAfterCall();
        request.Audio?.Source?.ReleaseAfterCall();
    }

    protected override IReadOnlyList<KlingValidationError> Validate(AvatarRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        // The face: required, under the common image rule (kling-catalogue §0.2).
        if (request.Image is null)
        {
            add("image", "image is required: the avatar is the face in this image (a JPEG or PNG, as a URL or local data).");
        }

        rules.Inspect(request.Image, "image", checkAspectRatio: true, add, prepared);

        // The speech: exactly one of audio_id and sound_file; a local WAV's length within the host's range.
        AudioInputRules.CheckOneAudio(request.AudioId, request.Audio, string.Empty, add);
        rules.InspectAudio(
            request.Audio,
            "sound_file",
            limits.Avatar.MinAudioLength,
            limits.Avatar.MaxAudioLength,
            $"{LimitsName}.Avatar.MinAudioLength, Avatar.MaxAudioLength",
            add,
            prepared);

        // CometAPI's newer pages: "the API rejects requests without it"; official Kling: optional.
        if (limits.Avatar.RequirePrompt && string.IsNullOrWhiteSpace(request.Prompt))
        {
            add("prompt", request.Prompt is null
                ? $"prompt is required: CometAPI rejects avatar requests without one ({LimitsName}.Avatar.RequirePrompt); describe what the avatar does while speaking."
                : $"prompt is empty or blank; CometAPI rejects avatar requests without one ({LimitsName}.Avatar.RequirePrompt).");
        }

        CheckText(request.Prompt, "prompt", limits.Avatar.MaxPromptLength, "Avatar.MaxPromptLength", add);
        rules.CheckMode(request.Mode, "mode", model: null, fourKModel: null, add);
        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(AvatarRequest), add);
        return errors;
    }
}
