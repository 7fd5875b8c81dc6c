using System.Text.Encodings.Web;
using System.Text.Json;
using CometApi.Kling.Validation;
using static CometApi.Kling.Serialization.ImageToVideoRequestWriter;

namespace CometApi.Kling.Kinds.LipSync;

/// <summary>
/// The synchronous identify-face call (kling-catalogue §3.6): its route, its rules and its body. Not a task kind: the
/// answer is the result, so there is nothing to query, wait for or download.
/// </summary>
internal static class IdentifyFacesCall
{
    /// <summary>The route under <c>kling/v1/</c>.</summary>
    public const string Route = "videos/identify-face";

    /// <summary>How messages and logs name the call.</summary>
    public const string Operation = "Identifying the faces of the video";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every problem with the request (pure; nothing is read or sent).</summary>
    public static IReadOnlyList<KlingValidationError> Validate(IdentifyFacesRequest request)
    {
        var errors = new List<KlingValidationError>();
        Action<string, string> add = (path, message) => errors.Add(new KlingValidationError(path, message));
        if (request.VideoId is null && request.VideoUrl is null)
        {
            add("video_id", "video_id or video_url is required: set VideoId (a video Kling generated) or VideoUrl (an MP4 or MOV Kling can download).");
        }
        else if (request.VideoId is not null && request.VideoUrl is not null)
        {
            add("video_url", "video_url cannot be combined with video_id: Kling takes exactly one of them; remove VideoId or VideoUrl.");
        }

        if (request.VideoId is { } videoId && videoId.Trim().Length == 0)
        {
            add("video_id", "video_id is empty or blank; set the id of a video Kling generated (KlingVideo.Id), or leave it null and set VideoUrl.");
        }

        if (request.VideoUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            add("video_url", url.IsAbsoluteUri
                ? $"video_url must be an absolute http or https URL Kling can download; it uses '{url.Scheme}'."
                : "video_url must be an absolute http or https URL Kling can download; it is relative.");
        }

        (string Name, bool IsSet)[] fields = [("video_id", request.VideoId is not null), ("video_url", request.VideoUrl is not null)];
        RequestRules.CheckAdditionalProperties(
            request.AdditionalProperties, fields.Where(field => field.IsSet).Select(field => field.Name), nameof(IdentifyFacesRequest), add);
        return errors;
    }

    /// <summary>The body, a few dozen bytes: written once and sent as it is.</summary>
    public static byte[] Body(IdentifyFacesRequest request)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            WriteString(writer, "video_id", request.VideoId);
            WriteString(writer, "video_url", request.VideoUrl?.AbsoluteUri);
            WriteAdditionalProperties(writer, request.AdditionalProperties);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
