using System.Text.Encodings.Web;
using System.Text.Json;
using CometApi.Kling.Validation;
using static CometApi.Kling.Kinds.Wire<CometApi.Kling.IdentifyFacesRequest>;

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

    /// <summary>The body's fields, then the request's extra fields.</summary>
    private static readonly WireObject<IdentifyFacesRequest> Shape = new(
        [Text("video_id", static r => r.VideoId), Url("video_url", static r => r.VideoUrl)],
        static r => r.AdditionalProperties);

    /// <summary>Every problem with the request (pure; nothing is read or sent).</summary>
    public static IReadOnlyList<KlingValidationError> Validate(IdentifyFacesRequest request, KlingValidationLimits limits)
    {
        var rules = new RequestRules(limits, prepared: null);
        rules.CheckVideoReference(request.VideoId, request.VideoUrl, "the video whose faces to find (2 to 60 s)");
        rules.CheckAdditionalProperties(request, Shape, string.Empty, nameof(IdentifyFacesRequest), "the request");
        return rules.Errors;
    }

    /// <summary>The body, a few dozen bytes: written once and sent as it is.</summary>
    public static byte[] Body(IdentifyFacesRequest request)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Shape.WriteWhole(writer, request, externalTaskId: null);
        }

        return buffer.ToArray();
    }
}
