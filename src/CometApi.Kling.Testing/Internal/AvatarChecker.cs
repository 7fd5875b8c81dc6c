using System.Text.Json;
using static CometApi.Kling.Testing.Internal.FieldChecks;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side checks of <c>POST /kling/v1/videos/avatar/image2video</c> (docs/kling-catalogue.md section 3.4), as
/// CometAPI documents them: a face image, exactly one of <c>audio_id</c> and <c>sound_file</c> (2 to 60 s), and a
/// prompt of at most 2500 characters, which CometAPI's newer pages say the API requires.
/// </summary>
internal static class AvatarChecker
{
    private const int MaxPromptLength = 2500;
    private const double MinAudioSeconds = 2;
    private const double MaxAudioSeconds = 60;

    public static string? Validate(JsonElement body, EmulatorSettings settings, out CreateFields? fields)
    {
        fields = null;
        var image = Get(body, "image");
        if (image is null)
        {
            return "image is required: send the face as a public URL or raw base64";
        }

        var audioId = Get(body, "audio_id");
        var soundFile = Get(body, "sound_file");

        // Declared ahead: the checks below run in a ?? chain, which the compiler cannot see through.
        string? prompt = null;
        var problem = CheckOneOf(
                audioId,
                soundFile,
                "audio_id or sound_file is required: send the speech as an audio id or an audio file",
                "invalid parameters: audio_id and sound_file are mutually exclusive, send only one")
            ?? CheckImage("image", image, settings, isFrame: true, checkAspectRatio: true)
            ?? CheckAudioId(audioId, "audio_id")
            ?? CheckSoundFile("sound_file", soundFile, MinAudioSeconds, MaxAudioSeconds)
            ?? CheckText(body, "prompt", MaxPromptLength, out prompt)
            ?? (string.IsNullOrWhiteSpace(prompt) ? "prompt is required: describe what the avatar does while it speaks" : null)
            ?? CheckChoice(body, "mode", Modes.Contains, "must be std or pro", out _);
        return problem ?? Accept(body, DefaultDuration, prompt, out fields);
    }
}
