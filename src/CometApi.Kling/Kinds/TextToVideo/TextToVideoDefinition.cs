using System.Text.Json;
using CometApi.Kling.Images;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;
using static CometApi.Kling.Validation.RequestRules;

namespace CometApi.Kling.Kinds.TextToVideo;

/// <summary>Text to video (<c>videos/text2video</c>): its rules and body writer (kling-catalogue §3.1).</summary>
internal sealed class TextToVideoDefinition : KlingTaskDefinition<TextToVideoRequest>
{
    private TextToVideoDefinition()
        : base(KlingTaskKind.TextToVideo, "text-to-video")
    {
    }

    public static TextToVideoDefinition Instance { get; } = new();

    /// <summary>Writes the whole body; it holds no local media, so nothing is yielded.</summary>
    public static IEnumerable<ImageSource> Write(Utf8JsonWriter writer, TextToVideoRequest request, string? externalTaskId)
    {
        writer.WriteStartObject();
        WriteString(writer, "prompt", request.Prompt);
        WriteString(writer, "negative_prompt", request.NegativePrompt);
        WriteString(writer, "model_name", request.ModelName?.ToString());
        WriteString(writer, "aspect_ratio", request.AspectRatio?.ToString());
        WriteString(writer, "mode", request.Mode?.ToString());
        WriteString(writer, "duration", request.Duration?.ToString());
        if (request.CfgScale is { } cfgScale)
        {
            writer.WriteNumber("cfg_scale", cfgScale);
        }

        WriteCameraControl(writer, request.CameraControl);
        WriteString(writer, "callback_url", request.CallbackUrl?.AbsoluteUri);
        WriteString(writer, "external_task_id", externalTaskId ?? request.ExternalTaskId);
        WriteString(writer, "sound", request.Sound?.ToString());
        WriteVoices(writer, request.Voices);
        WriteMultiShot(writer, request.MultiShot, request.ShotType, request.Shots);
        WriteWatermark(writer, request.WatermarkInfo);
        WriteAdditionalProperties(writer, request.AdditionalProperties);
        writer.WriteEndObject();
        return [];
    }

    /// <summary>The wire names of the typed properties that are set, so extra fields cannot repeat one.</summary>
    public static IEnumerable<string> SetPropertyNames(TextToVideoRequest request)
    {
        (string Name, bool IsSet)[] fields =
        [
            ("prompt", request.Prompt is not null),
            ("negative_prompt", request.NegativePrompt is not null),
            ("model_name", request.ModelName is not null),
            ("aspect_ratio", request.AspectRatio is not null),
            ("mode", request.Mode is not null),
            ("duration", request.Duration is not null),
            ("cfg_scale", request.CfgScale is not null),
            ("camera_control", request.CameraControl is not null),
            ("callback_url", request.CallbackUrl is not null),
            ("external_task_id", request.ExternalTaskId is not null),
            ("sound", request.Sound is not null),
            ("voice_list", request.Voices is not null),
            ("multi_shot", request.MultiShot is not null),
            ("shot_type", request.ShotType is not null),
            ("multi_prompt", request.Shots is not null),
            ("watermark_info", request.WatermarkInfo is not null),
        ];
        return fields.Where(field => field.IsSet).Select(field => field.Name);
    }

    protected override string? ExternalTaskIdOf(TextToVideoRequest request) => request.ExternalTaskId;

    protected override IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, TextToVideoRequest request, string? externalTaskId) =>
        Write(writer, request, externalTaskId);

    protected override IReadOnlyList<KlingValidationError> Validate(TextToVideoRequest request, KlingValidationLimits limits, PreparedRequest prepared)
    {
        var rules = new RequestRules(limits);
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));

        // Kling: the prompt "must not be empty" unless multi_shot is on, whose rules below own it (a customised video's
        // shots carry their own prompts; an "intelligence" one needs the prompt).
        if (string.IsNullOrWhiteSpace(request.Prompt) && request.MultiShot != true)
        {
            add("prompt", request.Prompt is null ? "prompt is required: text to video generates from it." : "prompt is empty or blank; text to video generates from it.");
        }

        CheckText(request.Prompt, "prompt", limits.MaxPromptLength, nameof(KlingValidationLimits.MaxPromptLength), add);
        var refersToVoice = CheckVoiceReferences(request.Prompt, request.Voices?.Count ?? 0, add);
        CheckText(request.NegativePrompt, "negative_prompt", limits.MaxNegativePromptLength, nameof(KlingValidationLimits.MaxNegativePromptLength), add);
        if (request.AspectRatio is { } aspectRatio)
        {
            CheckAllowed(aspectRatio.ToString(), "aspect_ratio", limits.AllowedAspectRatios, nameof(KlingValidationLimits.AllowedAspectRatios), add);
        }

        rules.CheckModeAndDuration(request.Mode, request.Duration, request.ModelName, KlingModel.KlingV3.ToString(), add);
        rules.CheckCfgScale(request.CfgScale, request.ModelName, add);
        if (request.CameraControl is { } camera)
        {
            rules.CheckCamera(camera, add);
        }

        CheckCallbackUrl(request.CallbackUrl, add);
        if (request.ExternalTaskId is { } externalTaskId)
        {
            CheckExternalTaskId(externalTaskId, add);
        }

        CheckSoundForVoice(refersToVoice, request.Sound, add);
        CheckVoicesAndElements(request.Voices, elements: null, add);
        if (request.MultiShot == true)
        {
            CheckMultiShot(hasImageTail: false, request.ShotType, request.Prompt, request.Shots, request.Duration, add);
        }

        CheckAdditionalProperties(request.AdditionalProperties, SetPropertyNames(request), nameof(TextToVideoRequest), add);
        return errors;
    }
}
