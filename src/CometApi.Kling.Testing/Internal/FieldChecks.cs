using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The field rules the kinds' create checkers are built from, read straight from the JSON (never through the SDK's
/// models or rules, so a client's wire mistake is caught here). Rules and limits from docs/kling-api.md sections 1.2 to
/// 1.4 and 5.1, which docs/kling-catalogue.md section 3.1 applies to text2video too. Each returns the field's problem
/// worded as the service words a code-1201 message, or null; a checker chains them with <c>??</c> and ends with
/// <see cref="Accept"/>.
/// </summary>
internal static partial class FieldChecks
{
    /// <summary>What Kling assumes when <c>duration</c> is not sent.</summary>
    public const string DefaultDuration = "5";

    public static readonly string[] Modes = ["std", "pro"];

    /// <summary>Native 4K, which Kling makes with one model per route (changelog 2026-04-23).</summary>
    public const string FourK = "4k";

    public static readonly string[] Sounds = ["on", "off"];

    /// <summary>The property, or null when it is missing or JSON null (gateways write unset fields as null).</summary>
    public static JsonElement? Get(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>
    /// The fields every route shares, checked last: <c>callback_url</c>, and <c>external_task_id</c> and
    /// <c>watermark_info</c> where the route takes them (elsewhere they are ignored, like any field the route does not
    /// know). Then what the engine needs to make the task.
    /// </summary>
    /// <param name="body">The create body.</param>
    /// <param name="duration">The result's length in seconds as the body asked (or the default).</param>
    /// <param name="prompt">What the risky-prompt fault looks at.</param>
    /// <param name="fields">What the engine needs, when the body is valid.</param>
    /// <param name="count">How many results the task makes (and so how many concurrency slots it holds).</param>
    /// <param name="takesExternalTaskId">Whether the route takes <c>external_task_id</c>.</param>
    /// <param name="takesWatermark">Whether the route takes <c>watermark_info</c>.</param>
    public static string? Accept(
        JsonElement body, string duration, string? prompt, out CreateFields? fields, int count = 1, bool takesExternalTaskId = true, bool takesWatermark = true)
    {
        fields = null;
        string? externalTaskId = null;
        bool? watermark = null;
        var problem = CheckCallbackUrl(body, out var callbackUrl)
            ?? (takesExternalTaskId ? CheckExternalTaskId(body, out externalTaskId) : null)
            ?? (takesWatermark ? CheckWatermark(body, out watermark) : null);
        if (problem is null)
        {
            fields = new CreateFields(externalTaskId, callbackUrl, watermark, duration, prompt, count);
        }

        return problem;
    }

    /// <summary>A string field: its text (null when absent), or the problem when it is not a string.</summary>
    public static string? ReadString(JsonElement body, string field, out string? text)
    {
        text = null;
        if (Get(body, field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return $"invalid {field}: must be a string";
        }

        text = value.GetString()!;
        return null;
    }

    public static string? CheckText(JsonElement body, string field, int maxLength, out string? text)
    {
        var problem = ReadString(body, field, out text);
        if (problem is not null || text is null)
        {
            return problem;
        }

        // Counted in Unicode characters (code points), not UTF-16 units: an emoji is one character.
        var length = text.EnumerateRunes().Count();
        return length > maxLength ? $"invalid {field}: {length} characters, the limit is {maxLength}" : null;
    }

    /// <summary>A required text: missing (<paramref name="missing"/>), blank (<c>invalid field: empty</c>) or too long.</summary>
    public static string? CheckRequiredText(JsonElement body, string field, int maxLength, string missing, out string? text) =>
        CheckText(body, field, maxLength, out text) ?? (text is null ? missing : string.IsNullOrWhiteSpace(text) ? $"invalid {field}: empty" : null);

    public static string? CheckChoice(JsonElement body, string field, Func<string, bool> isAllowed, string rule, out string? choice)
    {
        var problem = ReadString(body, field, out choice);
        if (problem is not null || choice is null)
        {
            return problem;
        }

        return isAllowed(choice) ? null : $"invalid {field}: '{choice}' {rule}";
    }

    /// <summary>
    /// mode: std or pro, or 4k with <paramref name="fourKModel"/>, the model that makes native 4K on this route (Kling's
    /// changelog 2026-04-23: kling-v3 on text2video and image2video, kling-v3-omni on omni-video), read from the body's
    /// own model_name.
    /// </summary>
    public static string? CheckMode(JsonElement body, string fourKModel)
    {
        var problem = CheckChoice(body, "mode", mode => Modes.Contains(mode) || mode == FourK, "must be std, pro or 4k", out var mode);
        if (problem is not null || mode != FourK)
        {
            return problem;
        }

        var model = Get(body, "model_name") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null;
        return model == fourKModel ? null : $"invalid mode: '4k' needs model_name {fourKModel} (got {model ?? "none"})";
    }

    public static string? CheckBoolean(JsonElement body, string field) =>
        Get(body, field) is { } value && value.ValueKind is not (JsonValueKind.True or JsonValueKind.False) ? $"invalid {field}: must be a boolean" : null;

    /// <summary>A number from 0 to 1 (cfg_scale, image_fidelity, human_fidelity).</summary>
    public static string? CheckFraction(JsonElement body, string field)
    {
        if (Get(body, field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            return $"invalid {field}: must be a number between 0 and 1";
        }

        var number = value.GetDouble();
        return number is >= 0 and <= 1 ? null : FormattableString.Invariant($"invalid {field}: {number} is outside [0, 1]");
    }

    /// <summary>Exactly one of two fields (a video as an id or a URL, the speech as an id or a file).</summary>
    public static string? CheckOneOf(JsonElement? first, JsonElement? second, string missing, string both) =>
        first is null && second is null ? missing : first is not null && second is not null ? both : null;

    /// <summary>
    /// An array whose items are objects (image_list, dynamic_masks, face_choose…): the problem when it is not an array
    /// (<c>must be {arrayShape}</c>) or an item is not an object (<c>invalid name[i]: must be {itemShape}</c>), otherwise
    /// the first item's problem from <paramref name="check"/>, which is given the item and its name.
    /// </summary>
    public static string? CheckObjects(JsonElement list, string name, string arrayShape, string itemShape, Func<JsonElement, string, string?> check)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            return $"invalid {name}: must be {arrayShape}";
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = $"{name}[{index++}]";
            var problem = item.ValueKind == JsonValueKind.Object ? check(item, field) : $"invalid {field}: must be {itemShape}";
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>
    /// <c>element_list</c>: an array of <c>{"element_id": integer}</c>; <paramref name="count"/> is how many elements it
    /// holds (each route has its own limit on them).
    /// </summary>
    public static string? CheckElementList(JsonElement body, out int count)
    {
        count = 0;
        if (Get(body, "element_list") is not { } list)
        {
            return null;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            return "invalid element_list: must be an array";
        }

        foreach (var element in list.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object || Get(element, "element_id") is not { ValueKind: JsonValueKind.Number } id || !id.TryGetInt64(out _))
            {
                return "invalid element_list: every item must be {\"element_id\": integer}";
            }
        }

        count = list.GetArrayLength();
        return null;
    }

    private static string? CheckCallbackUrl(JsonElement body, out Uri? callbackUrl)
    {
        callbackUrl = null;
        var problem = ReadString(body, "callback_url", out var text);
        if (problem is not null || string.IsNullOrEmpty(text))
        {
            return problem;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || url.Host.Length == 0)
        {
            return $"invalid callback_url: '{text}' is not an absolute http(s) URL";
        }

        callbackUrl = url;
        return null;
    }

    private static string? CheckExternalTaskId(JsonElement body, out string? externalTaskId)
    {
        // An empty id is how gateways write "none"; it is not a key that must be unique.
        var problem = ReadString(body, "external_task_id", out externalTaskId);
        externalTaskId = string.IsNullOrEmpty(externalTaskId) ? null : externalTaskId;
        return problem;
    }

    private static string? CheckWatermark(JsonElement body, out bool? watermark)
    {
        watermark = null;
        if (Get(body, "watermark_info") is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return "invalid watermark_info: must be an object {\"enabled\": boolean}";
        }

        switch (Get(value, "enabled")?.ValueKind)
        {
            case JsonValueKind.True:
                watermark = true;
                return null;
            case JsonValueKind.False:
            case null:
                watermark = false;
                return null;
            default:
                return "invalid watermark_info.enabled: must be a boolean";
        }
    }
}
