namespace CometApi.Kling.Validation;

/// <summary>
/// The audio input shared by the avatar and each lip-sync face: exactly one of <c>audio_id</c> (an audio Kling made)
/// and <c>sound_file</c> (a URL or local file), as both Kling and CometAPI document (kling-catalogue §3.4, §3.7).
/// </summary>
internal static class AudioInputRules
{
    /// <summary>Reports a missing, doubled or blank audio; <paramref name="prefix"/> is the object's path with its dot (e.g. <c>face_choose[0].</c>).</summary>
    public static void CheckOneAudio(string? audioId, KlingAudio? audio, string prefix, Action<string, string> add)
    {
        if (audioId is null && audio is null)
        {
            add(prefix + "audio_id", "audio_id or sound_file is required: set AudioId (an audio Kling generated) or Audio (an MP3, WAV, M4A or AAC file or URL).");
            return;
        }

        if (audioId is not null && audio is not null)
        {
            add(prefix + "sound_file", "sound_file cannot be combined with audio_id: Kling takes exactly one of them; remove AudioId or Audio.");
        }

        if (audioId is not null && audioId.Trim().Length == 0)
        {
            add(prefix + "audio_id", "audio_id is empty or blank; set the id of an audio Kling generated, or leave it null and set Audio.");
        }
    }
}
