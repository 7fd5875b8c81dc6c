namespace CometApi.Kling;

/// <summary>
/// The limits an <see cref="ImageToVideoRequest"/> is checked against before anything is sent. The defaults are the values
/// CometAPI documents; change them (in code or through configuration, under <c>ValidationLimits</c>) when your host accepts
/// more, e.g. the official Kling API with <see cref="CreateOfficial"/>.
/// </summary>
/// <remarks>
/// Text lengths count Unicode scalar values: an emoji written as a surrogate pair counts as one character, a CJK ideograph
/// as one, and a letter followed by a combining accent as two. Values bound from configuration are added to the default
/// sets (the configuration binder adds to collections); set a property in code to replace a set.
/// </remarks>
public sealed class KlingValidationLimits
{
    /// <summary>The longest <c>prompt</c>, in Unicode scalar values.</summary>
    /// <value>The default is 500 (CometAPI); the official Kling API allows 2500.</value>
    public int MaxPromptLength { get; set; } = 500;

    /// <summary>The longest <c>negative_prompt</c>, in Unicode scalar values.</summary>
    /// <value>The default is 200 (CometAPI); the official Kling API allows 2500.</value>
    public int MaxNegativePromptLength { get; set; } = 200;

    /// <summary>Whether <c>image</c> is required; when <see langword="false"/>, <c>image</c> or <c>image_tail</c> is enough.</summary>
    /// <value>The default is <see langword="true"/> (CometAPI); the official Kling API needs only one of the two.</value>
    public bool RequireImage { get; set; } = true;

    /// <summary>The <c>duration</c> values accepted (wire values, e.g. <c>"5"</c>).</summary>
    /// <value>The default is <c>"5"</c> and <c>"10"</c> (CometAPI); newer official models accept <c>"3"</c> to <c>"15"</c>.</value>
    public ISet<string> AllowedDurations { get; set; } = NewSet("5", "10");

    /// <summary>The <c>mode</c> values accepted (wire values).</summary>
    /// <value>The default is <c>std</c> and <c>pro</c>.</value>
    public ISet<string> AllowedModes { get; set; } = NewSet("std", "pro");

    /// <summary>The <c>aspect_ratio</c> values accepted (wire values) by kinds that take one, e.g. text to video.</summary>
    /// <value>The default is CometAPI's list: <c>16:9</c>, <c>9:16</c>, <c>1:1</c>, <c>4:3</c>, <c>3:4</c>, <c>3:2</c>, <c>2:3</c>; the official host documents the first three.</value>
    public ISet<string> AllowedAspectRatios { get; set; } = NewSet("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3");

    /// <summary>The <c>aspect_ratio</c> values accepted (wire values) by image kinds, e.g. image generation (kling-catalogue §4.1).</summary>
    /// <value>The default is CometAPI's list: <c>16:9</c>, <c>9:16</c>, <c>1:1</c>, <c>4:3</c>, <c>3:4</c>, <c>3:2</c>, <c>2:3</c>; the official host adds <c>21:9</c>.</value>
    public ISet<string> AllowedImageAspectRatios { get; set; } = NewSet("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3");

    /// <summary>The most images one image generation may ask for (<c>n</c>, at least 1; kling-catalogue §4.1).</summary>
    /// <value>The default is 9 (CometAPI and official Kling agree).</value>
    public int MaxImageCount { get; set; } = 9;

    /// <summary>The <c>camera_control.type</c> values accepted (wire values); only <c>simple</c> takes a config.</summary>
    /// <value>The default is the five documented types: <c>simple</c>, <c>down_back</c>, <c>forward_up</c>, <c>right_turn_forward</c>, <c>left_turn_forward</c>.</value>
    public ISet<string> AllowedCameraControlTypes { get; set; } = NewSet("simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward");

    /// <summary>The smallest <c>cfg_scale</c>.</summary>
    /// <value>The default is 0.</value>
    public double MinCfgScale { get; set; }

    /// <summary>The largest <c>cfg_scale</c>.</summary>
    /// <value>The default is 1.</value>
    public double MaxCfgScale { get; set; } = 1;

    /// <summary>The largest local image (bytes, file, stream or base64), in bytes before base64 encoding.</summary>
    /// <value>The default is 10 MB, 10,485,760 bytes.</value>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The largest local audio file (an avatar's or a lip-sync's <c>sound_file</c>), in bytes before base64 encoding.</summary>
    /// <value>The default is 5 MB, 5,242,880 bytes (kling-catalogue §3.4, §3.7: both sources).</value>
    public long MaxAudioBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The shortest avatar audio (<c>sound_file</c>), in seconds; checked for local WAV files, whose header gives their length.</summary>
    /// <value>The default is 2 (kling-catalogue §3.4: CometAPI and the official host agree).</value>
    public double MinAvatarAudioSeconds { get; set; } = 2;

    /// <summary>
    /// The longest avatar audio (<c>sound_file</c>), in seconds; checked for local WAV files, whose header gives their length.
    /// </summary>
    /// <value>
    /// The default is 60 (CometAPI); the official Kling API allows 300 (<see cref="CreateOfficial"/>). The sources disagree
    /// (kling-catalogue §3.4), and the shorter limit is kept on CometAPI because a longer audio may be accepted there and
    /// then fail in generation or be billed as a longer video: the check protects the money of CometAPI users.
    /// </value>
    public double MaxAvatarAudioSeconds { get; set; } = 60;

    /// <summary>Whether an avatar request needs a <c>prompt</c>.</summary>
    /// <value>
    /// The default is <see langword="true"/>: CometAPI's newer documentation says its API rejects an avatar request
    /// without one; the official Kling API takes it as optional (<see langword="false"/> in <see cref="CreateOfficial"/>;
    /// kling-catalogue §3.4).
    /// </value>
    public bool RequireAvatarPrompt { get; set; } = true;

    /// <summary>The longest avatar <c>prompt</c>, in Unicode scalar values.</summary>
    /// <value>The default is 2500 (kling-catalogue §3.4: CometAPI and the official host agree).</value>
    public int MaxAvatarPromptLength { get; set; } = 2500;

    /// <summary>The most faces one lip-sync task may choose (<c>face_choose</c>).</summary>
    /// <value>
    /// The default is 1: Kling's page says it "currently" syncs only one person per task, while CometAPI's page asks only
    /// for at least one (kling-catalogue §3.7). A second face would at best be ignored in a billed task, so the stricter
    /// reading is kept; raise it when Kling does.
    /// </value>
    public int MaxLipSyncFaces { get; set; } = 1;

    /// <summary>The smallest width and height of a local image, in pixels.</summary>
    /// <value>The default is 300.</value>
    public int MinImageDimension { get; set; } = 300;

    /// <summary>
    /// How many times longer than the other one side of <c>image</c> (and of the masks) may be: 2.5 allows 1:2.5 to 2.5:1.
    /// <c>image_tail</c> is not checked, as Kling documents no ratio for it.
    /// </summary>
    /// <value>The default is 2.5.</value>
    public double MaxImageAspectRatio { get; set; } = 2.5;

    /// <summary>The most <c>dynamic_masks</c> groups.</summary>
    /// <value>The default is 6.</value>
    public int MaxDynamicMasks { get; set; } = 6;

    /// <summary>The fewest points in one <c>dynamic_masks[].trajectories</c>.</summary>
    /// <value>The default is 2.</value>
    public int MinTrajectoryPoints { get; set; } = 2;

    /// <summary>The most points in one <c>dynamic_masks[].trajectories</c>.</summary>
    /// <value>The default is 77.</value>
    public int MaxTrajectoryPoints { get; set; } = 77;

    /// <summary>The largest magnitude of a <c>camera_control.config</c> axis: each axis lies within [-value, value].</summary>
    /// <value>The default is 10.</value>
    public double MaxCameraConfigValue { get; set; } = 10;

    /// <summary>The fewest images in a multi-image-to-video <c>image_list</c>.</summary>
    /// <value>
    /// The default is 2 (CometAPI documents 2 to 4 images); the official Kling API accepts 1 (<see cref="CreateOfficial"/>).
    /// CometAPI's minimum is kept by default because it is the documented contract of the host these defaults describe,
    /// and one image is what image to video is for; set 1 if your host takes a single image (kling-catalogue §3.2).
    /// </value>
    public int MinMultiImageCount { get; set; } = 2;

    /// <summary>The most images in a multi-image-to-video <c>image_list</c>.</summary>
    /// <value>The default is 4 (CometAPI and the official Kling API agree; kling-catalogue §3.2).</value>
    public int MaxMultiImageCount { get; set; } = 4;

    /// <summary>The longest omni-video <c>prompt</c>, in Unicode scalar values (kling-catalogue §3.9: CometAPI and official Kling both document 2500).</summary>
    /// <value>The default is 2500.</value>
    public int MaxOmniPromptLength { get; set; } = 2500;

    /// <summary>The omni-video <c>duration</c> values accepted (wire values; kling-catalogue §3.9).</summary>
    /// <value>
    /// The default is <c>"3"</c> to <c>"10"</c> (CometAPI, Kling O1); the official host's kling-v3-omni accepts <c>"3"</c>
    /// to <c>"15"</c>. Text only or a first frame alone make only <c>"5"</c> or <c>"10"</c> with Kling O1, checked apart.
    /// </value>
    public ISet<string> AllowedOmniDurations { get; set; } = NewSet("3", "4", "5", "6", "7", "8", "9", "10");

    /// <summary>The omni-video <c>aspect_ratio</c> values accepted (wire values; kling-catalogue §3.9).</summary>
    /// <value>The default is <c>16:9</c>, <c>9:16</c> and <c>1:1</c>, the values CometAPI and official Kling document.</value>
    public ISet<string> AllowedOmniAspectRatios { get; set; } = NewSet("16:9", "9:16", "1:1");
    /// <summary>The longest text-to-audio <c>prompt</c>, in Unicode scalar values (kling-catalogue §5.1).</summary>
    /// <value>The default is 200, as CometAPI and the official Kling API both document.</value>
    public int MaxTextToAudioPromptLength { get; set; } = 200;

    /// <summary>The shortest text-to-audio <c>duration</c>, in seconds (kling-catalogue §5.1).</summary>
    /// <value>The default is 3.0, as CometAPI and the official Kling API both document.</value>
    public double MinTextToAudioDuration { get; set; } = 3;

    /// <summary>The longest text-to-audio <c>duration</c>, in seconds (kling-catalogue §5.1).</summary>
    /// <value>The default is 10.0, as CometAPI and the official Kling API both document.</value>
    public double MaxTextToAudioDuration { get; set; } = 10;

    /// <summary>The longest video-to-audio <c>sound_effect_prompt</c>, in Unicode scalar values (kling-catalogue §5.2).</summary>
    /// <value>The default is 200, the official Kling API's limit (CometAPI's page does not list the field).</value>
    public int MaxSoundEffectPromptLength { get; set; } = 200;

    /// <summary>The longest video-to-audio <c>bgm_prompt</c>, in Unicode scalar values (kling-catalogue §5.2).</summary>
    /// <value>The default is 200, the official Kling API's limit (CometAPI's page does not list the field).</value>
    public int MaxBgmPromptLength { get; set; } = 200;

    /// <summary>
    /// Creates limits for the official Kling API: prompts and negative prompts up to 2500 characters, durations
    /// <c>"3"</c> to <c>"15"</c> (omni video too, for kling-v3-omni), aspect ratios <c>16:9</c>, <c>9:16</c> and <c>1:1</c>
    /// (for images CometAPI's seven and <c>21:9</c>), <c>image</c> or <c>image_tail</c> (either is enough), 1 to 4
    /// images for multi-image to video, avatar audio up to 300 s and an optional avatar prompt; the rest as documented.
    /// </summary>
    /// <returns>A new, independent set of limits.</returns>
    public static KlingValidationLimits CreateOfficial()
    {
        var limits = new KlingValidationLimits
        {
            MaxPromptLength = 2500,
            MaxNegativePromptLength = 2500,
            RequireImage = false,
            AllowedAspectRatios = NewSet("16:9", "9:16", "1:1"),
            MinMultiImageCount = 1,
            AllowedImageAspectRatios = NewSet("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9"),
            MaxAvatarAudioSeconds = 300,
            RequireAvatarPrompt = false,
        };
        for (var seconds = 3; seconds <= 15; seconds++)
        {
            limits.AllowedDurations.Add(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            limits.AllowedOmniDurations.Add(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return limits;
    }

    /// <summary>Describes the limits.</summary>
    public override string ToString() => System.FormattableString.Invariant(
        $"KlingValidationLimits {{ MaxPromptLength = {MaxPromptLength}, MaxNegativePromptLength = {MaxNegativePromptLength}, RequireImage = {RequireImage}, AllowedDurations = [{Join(AllowedDurations)}], AllowedModes = [{Join(AllowedModes)}], AllowedAspectRatios = [{Join(AllowedAspectRatios)}], AllowedCameraControlTypes = [{Join(AllowedCameraControlTypes)}], CfgScale = [{MinCfgScale}, {MaxCfgScale}], MaxImageBytes = {MaxImageBytes}, MaxAudioBytes = {MaxAudioBytes}, MinImageDimension = {MinImageDimension}, MaxImageAspectRatio = {MaxImageAspectRatio}, MaxDynamicMasks = {MaxDynamicMasks}, TrajectoryPoints = [{MinTrajectoryPoints}, {MaxTrajectoryPoints}], MaxCameraConfigValue = {MaxCameraConfigValue}, MultiImageCount = [{MinMultiImageCount}, {MaxMultiImageCount}], AllowedImageAspectRatios = [{Join(AllowedImageAspectRatios)}], MaxImageCount = {MaxImageCount}, MaxOmniPromptLength = {MaxOmniPromptLength}, AllowedOmniDurations = [{Join(AllowedOmniDurations)}], AllowedOmniAspectRatios = [{Join(AllowedOmniAspectRatios)}], MaxTextToAudioPromptLength = {MaxTextToAudioPromptLength}, TextToAudioDuration = [{MinTextToAudioDuration}, {MaxTextToAudioDuration}], MaxSoundEffectPromptLength = {MaxSoundEffectPromptLength}, MaxBgmPromptLength = {MaxBgmPromptLength}, AvatarAudioSeconds = [{MinAvatarAudioSeconds}, {MaxAvatarAudioSeconds}], RequireAvatarPrompt = {RequireAvatarPrompt}, MaxAvatarPromptLength = {MaxAvatarPromptLength}, MaxLipSyncFaces = {MaxLipSyncFaces} }}");

    /// <summary>A deep copy, so a client or validator is not affected by later changes to the caller's object.</summary>
    internal KlingValidationLimits Clone() => new()
    {
        MaxPromptLength = MaxPromptLength,
        MaxNegativePromptLength = MaxNegativePromptLength,
        RequireImage = RequireImage,
        AllowedDurations = CopySet(AllowedDurations),
        AllowedModes = CopySet(AllowedModes),
        AllowedAspectRatios = CopySet(AllowedAspectRatios),
        AllowedImageAspectRatios = CopySet(AllowedImageAspectRatios),
        MaxImageCount = MaxImageCount,
        AllowedCameraControlTypes = CopySet(AllowedCameraControlTypes),
        MinCfgScale = MinCfgScale,
        MaxCfgScale = MaxCfgScale,
        MaxImageBytes = MaxImageBytes,
        MaxAudioBytes = MaxAudioBytes,
        MinAvatarAudioSeconds = MinAvatarAudioSeconds,
        MaxAvatarAudioSeconds = MaxAvatarAudioSeconds,
        RequireAvatarPrompt = RequireAvatarPrompt,
        MaxAvatarPromptLength = MaxAvatarPromptLength,
        MaxLipSyncFaces = MaxLipSyncFaces,
        MinImageDimension = MinImageDimension,
        MaxImageAspectRatio = MaxImageAspectRatio,
        MaxDynamicMasks = MaxDynamicMasks,
        MinTrajectoryPoints = MinTrajectoryPoints,
        MaxTrajectoryPoints = MaxTrajectoryPoints,
        MaxCameraConfigValue = MaxCameraConfigValue,
        MinMultiImageCount = MinMultiImageCount,
        MaxMultiImageCount = MaxMultiImageCount,
        MaxOmniPromptLength = MaxOmniPromptLength,
        AllowedOmniDurations = CopySet(AllowedOmniDurations),
        AllowedOmniAspectRatios = CopySet(AllowedOmniAspectRatios),
        MaxTextToAudioPromptLength = MaxTextToAudioPromptLength,
        MinTextToAudioDuration = MinTextToAudioDuration,
        MaxTextToAudioDuration = MaxTextToAudioDuration,
        MaxSoundEffectPromptLength = MaxSoundEffectPromptLength,
        MaxBgmPromptLength = MaxBgmPromptLength,
    };

    /// <summary>Why these limits cannot be used (each message names the property), or nothing when they can.</summary>
    internal IEnumerable<string> Problems(string owner)
    {
        if (MaxPromptLength < 0)
        {
            yield return $"{owner}.MaxPromptLength must not be negative.";
        }

        if (MaxNegativePromptLength < 0)
        {
            yield return $"{owner}.MaxNegativePromptLength must not be negative.";
        }

        if (AllowedDurations is null)
        {
            yield return $"{owner}.AllowedDurations is null; list the accepted durations.";
        }

        if (AllowedModes is null)
        {
            yield return $"{owner}.AllowedModes is null; list the accepted modes.";
        }

        if (AllowedAspectRatios is null)
        {
            yield return $"{owner}.AllowedAspectRatios is null; list the accepted aspect ratios.";
        }

        if (AllowedImageAspectRatios is null)
        {
            yield return $"{owner}.AllowedImageAspectRatios is null; list the accepted image aspect ratios.";
        }

        if (MaxImageCount < 1)
        {
            yield return $"{owner}.MaxImageCount must be at least 1.";
        }

        if (AllowedCameraControlTypes is null)
        {
            yield return $"{owner}.AllowedCameraControlTypes is null; list the accepted camera control types.";
        }

        if (!IsFinite(MinCfgScale) || !IsFinite(MaxCfgScale) || MinCfgScale > MaxCfgScale)
        {
            yield return $"{owner}.MinCfgScale and MaxCfgScale must be finite numbers with MinCfgScale <= MaxCfgScale.";
        }

        if (MaxImageBytes <= 0)
        {
            yield return $"{owner}.MaxImageBytes must be positive.";
        }

        if (MaxAudioBytes <= 0)
        {
            yield return $"{owner}.MaxAudioBytes must be positive.";
        }

        if (!IsFinite(MinAvatarAudioSeconds) || !IsFinite(MaxAvatarAudioSeconds) || MinAvatarAudioSeconds < 0 || MinAvatarAudioSeconds > MaxAvatarAudioSeconds)
        {
            yield return $"{owner}.MinAvatarAudioSeconds and MaxAvatarAudioSeconds must be finite numbers with 0 <= MinAvatarAudioSeconds <= MaxAvatarAudioSeconds.";
        }

        if (MaxAvatarPromptLength < 0)
        {
            yield return $"{owner}.MaxAvatarPromptLength must not be negative.";
        }

        if (MaxLipSyncFaces < 1)
        {
            yield return $"{owner}.MaxLipSyncFaces must be at least 1.";
        }

        if (MinImageDimension < 0)
        {
            yield return $"{owner}.MinImageDimension must not be negative.";
        }

        if (!IsFinite(MaxImageAspectRatio) || MaxImageAspectRatio < 1)
        {
            yield return $"{owner}.MaxImageAspectRatio must be a finite number of at least 1 (longer side / shorter side).";
        }

        if (MaxDynamicMasks < 0)
        {
            yield return $"{owner}.MaxDynamicMasks must not be negative.";
        }

        if (MinTrajectoryPoints < 0 || MinTrajectoryPoints > MaxTrajectoryPoints)
        {
            yield return $"{owner}.MinTrajectoryPoints and MaxTrajectoryPoints must satisfy 0 <= MinTrajectoryPoints <= MaxTrajectoryPoints.";
        }

        if (!IsFinite(MaxCameraConfigValue) || MaxCameraConfigValue < 0)
        {
            yield return $"{owner}.MaxCameraConfigValue must be a finite number of at least 0.";
        }

        if (MinMultiImageCount < 1 || MinMultiImageCount > MaxMultiImageCount)
        {
            yield return $"{owner}.MinMultiImageCount and MaxMultiImageCount must satisfy 1 <= MinMultiImageCount <= MaxMultiImageCount.";
        }

        if (MaxOmniPromptLength < 0)
        {
            yield return $"{owner}.MaxOmniPromptLength must not be negative.";
        }

        if (AllowedOmniDurations is null)
        {
            yield return $"{owner}.AllowedOmniDurations is null; list the accepted omni-video durations.";
        }

        if (AllowedOmniAspectRatios is null)
        {
            yield return $"{owner}.AllowedOmniAspectRatios is null; list the accepted omni-video aspect ratios.";
        }

        if (MaxTextToAudioPromptLength < 0)
        {
            yield return $"{owner}.MaxTextToAudioPromptLength must not be negative.";
        }

        if (!IsFinite(MinTextToAudioDuration) || !IsFinite(MaxTextToAudioDuration) || MinTextToAudioDuration < 0 || MinTextToAudioDuration > MaxTextToAudioDuration)
        {
            yield return $"{owner}.MinTextToAudioDuration and MaxTextToAudioDuration must be finite numbers with 0 <= MinTextToAudioDuration <= MaxTextToAudioDuration.";
        }

        if (MaxSoundEffectPromptLength < 0)
        {
            yield return $"{owner}.MaxSoundEffectPromptLength must not be negative.";
        }

        if (MaxBgmPromptLength < 0)
        {
            yield return $"{owner}.MaxBgmPromptLength must not be negative.";
        }
    }

    internal static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    private static HashSet<string> NewSet(params string[] values) => new(values, StringComparer.Ordinal);

    // Called only after Problems() found no null set.
    private static HashSet<string> CopySet(ISet<string> set) =>
        new(set, set is HashSet<string> hashSet ? hashSet.Comparer : StringComparer.Ordinal);

    private static string Join(ISet<string>? values) => values is null ? "null" : string.Join(", ", values);
}
