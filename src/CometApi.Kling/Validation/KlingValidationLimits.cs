using System.Globalization;
using CometApi.Kling.Validation;

namespace CometApi.Kling;

/// <summary>
/// The limits every request is checked against before anything is sent. The defaults are the values CometAPI documents;
/// change them (in code or through configuration, under <c>ValidationLimits</c>) when your host accepts more, e.g. the
/// official Kling API with <see cref="CreateOfficial"/>.
/// </summary>
/// <remarks>
/// <para>
/// The limits several kinds share (prompt lengths, modes, durations, aspect ratios, <c>cfg_scale</c>, camera control,
/// local images and audio) are properties of this class; the limits of one kind are in that kind's group
/// (<see cref="ImageToVideo"/>, <see cref="ImageGeneration"/>, <see cref="Avatar"/>, …), whose names follow the shared
/// ones: <c>limits.OmniVideo.MaxPromptLength</c> is to omni video what <see cref="MaxPromptLength"/> is to the kinds that
/// share it. Times are <see cref="TimeSpan"/> values (in configuration, <c>"00:05:00"</c>).
/// </para>
/// <para>
/// Text lengths count Unicode scalar values: an emoji written as a surrogate pair counts as one character, a CJK
/// ideograph as one, and a letter followed by a combining accent as two. Values bound from configuration are added to the
/// default sets (the configuration binder adds to collections); set a property in code to replace a set.
/// </para>
/// </remarks>
public sealed class KlingValidationLimits
{
    /// <summary>
    /// The longest <c>prompt</c>, in Unicode scalar values, of text to video, image to video, multi-image to video, video
    /// extension and image generation.
    /// </summary>
    /// <value>The default is 500 (CometAPI); the official Kling API allows 2500.</value>
    public int MaxPromptLength { get; set; } = 500;

    /// <summary>The longest <c>negative_prompt</c>, in Unicode scalar values, of the kinds that take one.</summary>
    /// <value>The default is 200 (CometAPI); the official Kling API allows 2500.</value>
    public int MaxNegativePromptLength { get; set; } = 200;

    /// <summary>The <c>mode</c> values accepted (wire values) by every kind that takes one.</summary>
    /// <value>The default is <c>std</c> and <c>pro</c>.</value>
    public ISet<string> AllowedModes { get; set; } = LimitSets.Of("std", "pro");

    /// <summary>The video <c>duration</c> values accepted (wire values, e.g. <c>"5"</c>) by text, image and multi-image to video.</summary>
    /// <value>The default is <c>"5"</c> and <c>"10"</c> (CometAPI); newer official models accept <c>"3"</c> to <c>"15"</c>.</value>
    public ISet<string> AllowedDurations { get; set; } = LimitSets.Of("5", "10");

    /// <summary>The video <c>aspect_ratio</c> values accepted (wire values) by text and multi-image to video.</summary>
    /// <value>The default is CometAPI's list: <c>16:9</c>, <c>9:16</c>, <c>1:1</c>, <c>4:3</c>, <c>3:4</c>, <c>3:2</c>, <c>2:3</c>; the official host documents the first three.</value>
    public ISet<string> AllowedAspectRatios { get; set; } = LimitSets.Of("16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3");

    /// <summary>The smallest <c>cfg_scale</c>.</summary>
    /// <value>The default is 0.</value>
    public double MinCfgScale { get; set; }

    /// <summary>The largest <c>cfg_scale</c>.</summary>
    /// <value>The default is 1.</value>
    public double MaxCfgScale { get; set; } = 1;

    /// <summary>The <c>camera_control.type</c> values accepted (wire values) by text and image to video; only <c>simple</c> takes a config.</summary>
    /// <value>The default is the five documented types: <c>simple</c>, <c>down_back</c>, <c>forward_up</c>, <c>right_turn_forward</c>, <c>left_turn_forward</c>.</value>
    public ISet<string> AllowedCameraControlTypes { get; set; } = LimitSets.Of("simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward");

    /// <summary>The largest magnitude of a <c>camera_control.config</c> axis: each axis lies within [-value, value].</summary>
    /// <value>The default is 10.</value>
    public double MaxCameraConfigValue { get; set; } = 10;

    /// <summary>The largest local image (bytes, file, stream or base64) of any kind, in bytes before base64 encoding.</summary>
    /// <value>The default is 10 MB, 10,485,760 bytes.</value>
    public long MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The smallest width and height of a local image, in pixels.</summary>
    /// <value>The default is 300.</value>
    public int MinImageDimension { get; set; } = 300;

    /// <summary>
    /// How many times longer than the other one side of a local image may be: 2.5 allows 1:2.5 to 2.5:1. This is the
    /// shape of an image sent in (and of the masks), not an output <c>aspect_ratio</c>; <c>image_tail</c> is not
    /// checked, as Kling documents no ratio for it.
    /// </summary>
    /// <value>The default is 2.5.</value>
    public double MaxImageAspectRatio { get; set; } = 2.5;

    /// <summary>The largest local audio file (an avatar's or a lip-sync's <c>sound_file</c>), in bytes before base64 encoding.</summary>
    /// <value>The default is 5 MB, 5,242,880 bytes (kling-catalogue §3.4, §3.7: both sources).</value>
    public long MaxAudioBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The limits of image to video alone (<see cref="ImageToVideoRequest"/>).</summary>
    /// <value>The default is CometAPI's: <see cref="KlingImageToVideoLimits.RequireImage"/> on.</value>
    public KlingImageToVideoLimits ImageToVideo { get; set; } = new();

    /// <summary>The limits of multi-image to video alone (<see cref="MultiImageToVideoRequest"/>).</summary>
    /// <value>The default is CometAPI's: 2 to 4 images.</value>
    public KlingMultiImageToVideoLimits MultiImageToVideo { get; set; } = new();

    /// <summary>The limits of omni video (<see cref="OmniVideoRequest"/>), which has its own prompt length, durations and aspect ratios.</summary>
    /// <value>The default is CometAPI's (Kling O1).</value>
    public KlingOmniVideoLimits OmniVideo { get; set; } = new();

    /// <summary>The limits of image generation (<see cref="ImageGenerationRequest"/>): how many images, and their aspect ratios.</summary>
    /// <value>The default is CometAPI's: 1 to 9 images in CometAPI's seven aspect ratios.</value>
    public KlingImageGenerationLimits ImageGeneration { get; set; } = new();

    /// <summary>The limits of the avatar (<see cref="AvatarRequest"/>): its prompt and its audio's length.</summary>
    /// <value>The default is CometAPI's: a required prompt, audio of 2 to 60 s.</value>
    public KlingAvatarLimits Avatar { get; set; } = new();

    /// <summary>The limits of lip-sync (<see cref="LipSyncRequest"/>).</summary>
    /// <value>The default is one face per task.</value>
    public KlingLipSyncLimits LipSync { get; set; } = new();

    /// <summary>The limits of text to audio (<see cref="TextToAudioRequest"/>): its prompt and the sound's duration.</summary>
    /// <value>The default is what CometAPI and Kling document: 200 characters, 3 to 10 s.</value>
    public KlingTextToAudioLimits TextToAudio { get; set; } = new();

    /// <summary>The limits of video to audio (<see cref="VideoToAudioRequest"/>): its two prompts.</summary>
    /// <value>The default is Kling's: 200 characters each.</value>
    public KlingVideoToAudioLimits VideoToAudio { get; set; } = new();

    /// <summary>
    /// Creates limits for the official Kling API: prompts and negative prompts up to 2500 characters, durations
    /// <c>"3"</c> to <c>"15"</c> (omni video too, for kling-v3-omni), aspect ratios <c>16:9</c>, <c>9:16</c> and <c>1:1</c>
    /// (for image generation CometAPI's seven and <c>21:9</c>), <c>image</c> or <c>image_tail</c> (either is enough), 1 to
    /// 4 images for multi-image to video, avatar audio up to 300 s and an optional avatar prompt; the rest as documented.
    /// </summary>
    /// <returns>A new, independent set of limits.</returns>
    public static KlingValidationLimits CreateOfficial()
    {
        var limits = new KlingValidationLimits
        {
            MaxPromptLength = 2500,
            MaxNegativePromptLength = 2500,
            AllowedAspectRatios = LimitSets.Of("16:9", "9:16", "1:1"),
        };
        limits.ImageToVideo.RequireImage = false;
        limits.MultiImageToVideo.MinImageCount = 1;
        limits.ImageGeneration.AllowedAspectRatios.Add("21:9");
        limits.Avatar.MaxAudioLength = TimeSpan.FromSeconds(300);
        limits.Avatar.RequirePrompt = false;
        for (var seconds = 3; seconds <= 15; seconds++)
        {
            limits.AllowedDurations.Add(seconds.ToString(CultureInfo.InvariantCulture));
            limits.OmniVideo.AllowedDurations.Add(seconds.ToString(CultureInfo.InvariantCulture));
        }

        return limits;
    }

    /// <summary>Describes the limits.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"KlingValidationLimits {{ MaxPromptLength = {MaxPromptLength}, MaxNegativePromptLength = {MaxNegativePromptLength}, AllowedModes = [{LimitSets.Join(AllowedModes)}], AllowedDurations = [{LimitSets.Join(AllowedDurations)}], AllowedAspectRatios = [{LimitSets.Join(AllowedAspectRatios)}], CfgScale = [{MinCfgScale}, {MaxCfgScale}], AllowedCameraControlTypes = [{LimitSets.Join(AllowedCameraControlTypes)}], MaxCameraConfigValue = {MaxCameraConfigValue}, MaxImageBytes = {MaxImageBytes}, MinImageDimension = {MinImageDimension}, MaxImageAspectRatio = {MaxImageAspectRatio}, MaxAudioBytes = {MaxAudioBytes}, ImageToVideo = {ImageToVideo}, MultiImageToVideo = {MultiImageToVideo}, OmniVideo = {OmniVideo}, ImageGeneration = {ImageGeneration}, Avatar = {Avatar}, LipSync = {LipSync}, TextToAudio = {TextToAudio}, VideoToAudio = {VideoToAudio} }}");

    /// <summary>A deep copy, so a client or validator is not affected by later changes to the caller's object.</summary>
    /// <remarks>Called only after <see cref="Problems"/> found nothing null.</remarks>
    internal KlingValidationLimits Clone() => new()
    {
        MaxPromptLength = MaxPromptLength,
        MaxNegativePromptLength = MaxNegativePromptLength,
        AllowedModes = LimitSets.Copy(AllowedModes),
        AllowedDurations = LimitSets.Copy(AllowedDurations),
        AllowedAspectRatios = LimitSets.Copy(AllowedAspectRatios),
        MinCfgScale = MinCfgScale,
        MaxCfgScale = MaxCfgScale,
        AllowedCameraControlTypes = LimitSets.Copy(AllowedCameraControlTypes),
        MaxCameraConfigValue = MaxCameraConfigValue,
        MaxImageBytes = MaxImageBytes,
        MinImageDimension = MinImageDimension,
        MaxImageAspectRatio = MaxImageAspectRatio,
        MaxAudioBytes = MaxAudioBytes,
        ImageToVideo = ImageToVideo.Clone(),
        MultiImageToVideo = MultiImageToVideo.Clone(),
        OmniVideo = OmniVideo.Clone(),
        ImageGeneration = ImageGeneration.Clone(),
        Avatar = Avatar.Clone(),
        LipSync = LipSync.Clone(),
        TextToAudio = TextToAudio.Clone(),
        VideoToAudio = VideoToAudio.Clone(),
    };

    /// <summary>Why these limits cannot be used (each message names the property, e.g. <c>owner.Avatar.MaxAudioLength</c>), or nothing when they can.</summary>
    internal IEnumerable<string> Problems(string owner)
    {
        var problems = LimitSets.Problems(
            (MaxPromptLength >= 0, "MaxPromptLength must not be negative."),
            (MaxNegativePromptLength >= 0, "MaxNegativePromptLength must not be negative."),
            (AllowedModes is not null, "AllowedModes is null; list the accepted modes."),
            (AllowedDurations is not null, "AllowedDurations is null; list the accepted durations."),
            (AllowedAspectRatios is not null, "AllowedAspectRatios is null; list the accepted aspect ratios."),
            (IsFinite(MinCfgScale) && IsFinite(MaxCfgScale) && MinCfgScale <= MaxCfgScale, "MinCfgScale and MaxCfgScale must be finite numbers with MinCfgScale <= MaxCfgScale."),
            (AllowedCameraControlTypes is not null, "AllowedCameraControlTypes is null; list the accepted camera control types."),
            (IsFinite(MaxCameraConfigValue) && MaxCameraConfigValue >= 0, "MaxCameraConfigValue must be a finite number of at least 0."),
            (MaxImageBytes > 0, "MaxImageBytes must be positive."),
            (MinImageDimension >= 0, "MinImageDimension must not be negative."),
            (IsFinite(MaxImageAspectRatio) && MaxImageAspectRatio >= 1, "MaxImageAspectRatio must be a finite number of at least 1 (longer side / shorter side)."),
            (MaxAudioBytes > 0, "MaxAudioBytes must be positive."))
            .Select(problem => $"{owner}.{problem}")
            .ToList();

        AddGroup(problems, owner, nameof(ImageToVideo), ImageToVideo, group => group.Problems());
        AddGroup(problems, owner, nameof(MultiImageToVideo), MultiImageToVideo, group => group.Problems());
        AddGroup(problems, owner, nameof(OmniVideo), OmniVideo, group => group.Problems());
        AddGroup(problems, owner, nameof(ImageGeneration), ImageGeneration, group => group.Problems());
        AddGroup(problems, owner, nameof(Avatar), Avatar, group => group.Problems());
        AddGroup(problems, owner, nameof(LipSync), LipSync, group => group.Problems());
        AddGroup(problems, owner, nameof(TextToAudio), TextToAudio, group => group.Problems());
        AddGroup(problems, owner, nameof(VideoToAudio), VideoToAudio, group => group.Problems());
        return problems;
    }

    internal static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);

    /// <summary>A kind's group's problems, each as <c>owner.Group.Message</c>; a null group is one.</summary>
    private static void AddGroup<TGroup>(List<string> problems, string owner, string name, TGroup? group, Func<TGroup, IEnumerable<string>> groupProblems)
        where TGroup : class
    {
        if (group is null)
        {
            problems.Add($"{owner}.{name} is null; leave it at its default or set limits.");
            return;
        }

        problems.AddRange(groupProblems(group).Select(problem => $"{owner}.{name}.{problem}"));
    }
}
