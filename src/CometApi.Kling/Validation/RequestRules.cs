using System.Globalization;
using CometApi.Kling.Images;
using CometApi.Kling.Kinds;

namespace CometApi.Kling.Validation;

/// <summary>
/// One validation of one request: the limits, what <see cref="PreparedRequest"/> read of the request's media, and the
/// problems found. The checks every kind is made of live here (texts, allowed values, ids, extra fields; the media, camera,
/// voice and shot rules in the other parts of this class), so a kind's rules are a list of calls in its own field order.
/// Each check only reports (<see cref="Add"/>); none throws.
/// </summary>
internal sealed partial class RequestRules
{
    internal const string LimitsName = nameof(KlingValidationLimits);

    private List<KlingValidationError>? _errors;

    /// <param name="limits">Limits already checked and copied by <see cref="KlingRequestValidator"/> or the client.</param>
    /// <param name="prepared">What was read of the request's local media; null for a request that has none to read.</param>
    public RequestRules(KlingValidationLimits limits, PreparedRequest? prepared)
    {
        Limits = limits;
        Prepared = prepared;
    }

    /// <summary>The limits the checks use.</summary>
    public KlingValidationLimits Limits { get; }

    /// <summary>What was read of the request's local media.</summary>
    public PreparedRequest? Prepared { get; }

    /// <summary>Every problem found so far, in the order found.</summary>
    public IReadOnlyList<KlingValidationError> Errors => _errors ?? (IReadOnlyList<KlingValidationError>)Array.Empty<KlingValidationError>();

    internal static string Exclusive(string field, string other) =>
        $"{field} cannot be combined with {other}: Kling accepts only one of image_tail, static_mask/dynamic_masks and camera_control per request.";

    internal static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A duration's wire value as whole seconds ("5" → 5), or null when it is not digits only or too long to be one.</summary>
    internal static int? Seconds(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    /// <summary>Whether the URL is an absolute http or https one (the only kind Kling fetches or calls back).</summary>
    internal static bool IsHttpUrl(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>Reports a problem with the field at <paramref name="path"/>.</summary>
    public void Add(string path, string message) => (_errors ??= []).Add(new KlingValidationError(path, message));

    /// <summary>
    /// Reports a missing or blank required text (<paramref name="missing"/> for null, <paramref name="blank"/> for
    /// whitespace); returns whether the text is given.
    /// </summary>
    public bool Require(string? value, string path, string missing, string blank)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        Add(path, value is null ? missing : blank);
        return false;
    }

    /// <summary>Reports an image that is required but not set, then checks it (a URL image has nothing to check).</summary>
    public ImageHeader? RequireImage(KlingImage? image, string path, string missing)
    {
        if (image is null)
        {
            Add(path, missing);
        }

        return Inspect(image, path, checkAspectRatio: true);
    }

    /// <summary>
    /// The prompt under <see cref="KlingValidationLimits.MaxPromptLength"/>; required (saying why) unless
    /// <paramref name="requiredBecause"/> is null.
    /// </summary>
    public void CheckPrompt(string? prompt, string? requiredBecause) =>
        CheckPrompt(prompt, requiredBecause, Limits.MaxPromptLength, nameof(KlingValidationLimits.MaxPromptLength));

    /// <summary>The prompt under the kind's own length limit; required (saying why) unless <paramref name="requiredBecause"/> is null.</summary>
    public void CheckPrompt(string? prompt, string? requiredBecause, int maxLength, string limitName)
    {
        // The messages are built only for a missing prompt: this runs on every create.
        if (requiredBecause is not null && string.IsNullOrWhiteSpace(prompt))
        {
            Add("prompt", prompt is null ? $"prompt is required: {requiredBecause}." : $"prompt is empty or blank; {requiredBecause}.");
        }

        CheckText(prompt, "prompt", maxLength, limitName);
    }

    /// <summary>The negative prompt under <see cref="KlingValidationLimits.MaxNegativePromptLength"/>.</summary>
    public void CheckNegativePrompt(string? negativePrompt) =>
        CheckText(negativePrompt, "negative_prompt", Limits.MaxNegativePromptLength, nameof(KlingValidationLimits.MaxNegativePromptLength));

    /// <summary>A text's length in Unicode scalar values under a limit of <see cref="KlingValidationLimits"/>, and its UTF-16.</summary>
    public void CheckText(string? text, string path, int maxLength, string limitName) => CheckScalars(text, path, path, maxLength, limitName);

    /// <summary>A value among the accepted ones of a limit of <see cref="KlingValidationLimits"/>, compared as sent.</summary>
    public void CheckAllowed(string value, string path, ISet<string> allowed, string limitName)
    {
        if (!allowed.Contains(value))
        {
            var list = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(item => $"\"{item}\""));
            Add(path, $"{path} \"{value}\" is not accepted; accepted: {list} ({LimitsName}.{limitName}).");
        }
    }

    /// <summary>aspect_ratio, when set, among the kind's accepted ones.</summary>
    public void CheckAspectRatio(KlingAspectRatio? aspectRatio, ISet<string> allowed, string limitName)
    {
        if (aspectRatio is { } ratio)
        {
            CheckAllowed(ratio.ToString(), "aspect_ratio", allowed, limitName);
        }
    }

    /// <summary>callback_url must be an absolute http(s) URL.</summary>
    public void CheckCallbackUrl(Uri? callbackUrl)
    {
        if (callbackUrl is { } callback && !IsHttpUrl(callback))
        {
            Add("callback_url", callback.IsAbsoluteUri
                ? $"callback_url must be an absolute http or https URL; it uses '{callback.Scheme}'."
                : "callback_url must be an absolute http or https URL; it is relative.");
        }
    }

    public void CheckExternalTaskId(string externalTaskId)
    {
        if (externalTaskId.Trim().Length == 0)
        {
            Add("external_task_id", "external_task_id is empty or blank; leave it null or set an id.");
            return;
        }

        var control = UnicodeText.IndexOfControl(externalTaskId);
        if (control >= 0)
        {
            Add("external_task_id", Invariant($"external_task_id has the control character U+{(int)externalTaskId[control]:X4} at index {control}."));
        }

        UnicodeText.CountScalars(externalTaskId, out var unpaired);
        if (unpaired >= 0)
        {
            Add("external_task_id", Invariant($"external_task_id has half of a surrogate pair at index {unpaired} (invalid UTF-16)."));
        }
    }

    /// <summary>
    /// Reports each extra field of <paramref name="owner"/> that repeats a typed field it sets (the writer would send
    /// the name twice). Allocates nothing when there are no extra fields, as on almost every create.
    /// </summary>
    /// <param name="owner">The request, or an object inside it with its own extra fields.</param>
    /// <param name="shape">Its declared fields.</param>
    /// <param name="pathPrefix">The object's path with its dot (e.g. <c>face_choose[0].</c>), empty for the request.</param>
    /// <param name="typeName">The type whose <c>AdditionalProperties</c> holds the key, as messages name it.</param>
    /// <param name="ownerPhrase">How messages name the owner ("the request", "the face").</param>
    public void CheckAdditionalProperties<T>(T owner, WireObject<T> shape, string pathPrefix, string typeName, string ownerPhrase)
        where T : class
    {
        if (shape.Additional(owner) is not { Count: > 0 } additional)
        {
            return;
        }

        foreach (var field in shape.Fields)
        {
            if (field.IsSet(owner) && additional.ContainsKey(field.Name))
            {
                Add(pathPrefix + field.Name, $"{typeName}.AdditionalProperties has the key '{field.Name}', which {ownerPhrase} already sets through its typed property; remove one of them.");
            }
        }
    }

    /// <summary>
    /// Reports a null item of a list (as <c>name[i]</c>: "the {noun} is null.") and otherwise hands out the item and its
    /// path, so a list's rules read as one loop.
    /// </summary>
    public bool Item<TItem>(IReadOnlyList<TItem?> items, int index, string name, string noun, out TItem item, out string path)
        where TItem : class
    {
        path = Invariant($"{name}[{index}]");
        if (items[index] is { } found)
        {
            item = found;
            return true;
        }

        Add(path, $"the {noun} is null.");
        item = null!;
        return false;
    }

    /// <summary>Reports each null item of a list whose items have no rules of their own (e.g. elements).</summary>
    public void CheckNoNullItems<TItem>(IReadOnlyList<TItem?>? items, string name, string noun)
        where TItem : class
    {
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            Item<TItem>(items!, i, name, noun, out _, out _);
        }
    }

    /// <summary>
    /// A video given as exactly one of a Kling video id or a public URL (video-to-audio, identify-face). What the video
    /// holds (length, size, format) is not checked: the SDK never downloads it.
    /// </summary>
    /// <param name="videoId">The id of a video Kling made.</param>
    /// <param name="videoUrl">A public URL of the video.</param>
    /// <param name="what">What the video is for, e.g. "the video to add sound to".</param>
    public void CheckVideoReference(string? videoId, Uri? videoUrl, string what)
    {
        if (videoId is null && videoUrl is null)
        {
            Add("video_id", $"video_id or video_url is required: {what}, as the id of a Kling video (KlingVideo.Id, task_result.videos[].id) or a public http(s) URL of an MP4/MOV file.");
        }
        else if (videoId is not null && videoUrl is not null)
        {
            Add("video_url", "video_url cannot be combined with video_id: Kling takes exactly one of video_id and video_url; remove VideoId or VideoUrl.");
        }

        if (videoId is not null && videoId.Trim().Length == 0)
        {
            Add("video_id", "video_id is empty or blank; set the id of a Kling video (KlingVideo.Id), or leave it null and set video_url.");
        }

        if (videoUrl is { } url && !IsHttpUrl(url))
        {
            Add("video_url", !url.IsAbsoluteUri
                ? "video_url must be an absolute http or https URL; it is relative. Kling takes no local file: upload it and pass its URL, or pass video_id (the id of a Kling video)."
                : url.IsFile
                    ? "video_url is a local file; Kling takes only a public http(s) URL (or video_id, the id of a Kling video): upload the file and pass its URL."
                    : $"video_url must be an absolute http or https URL; it uses '{url.Scheme}'.");
        }
    }

    /// <summary>
    /// A text's length in Unicode scalar values and its UTF-16. <paramref name="limitName"/> names the limit of
    /// <see cref="KlingValidationLimits"/>; null for a limit of Kling's own (not a host's).
    /// </summary>
    private void CheckScalars(string? text, string path, string subject, int maxLength, string? limitName)
    {
        if (text is null)
        {
            return;
        }

        var length = UnicodeText.CountScalars(text, out var unpaired);
        if (length > maxLength)
        {
            Add(path, limitName is null
                ? Invariant($"{subject} has {length} characters (Unicode scalar values); Kling allows at most {maxLength}.")
                : Invariant($"{subject} has {length} characters (Unicode scalar values); the limit is {maxLength} ({LimitsName}.{limitName})."));
        }

        if (unpaired >= 0)
        {
            Add(path, Invariant($"{subject} has half of a surrogate pair at index {unpaired} (invalid UTF-16, e.g. text cut in the middle of an emoji)."));
        }
    }
}
