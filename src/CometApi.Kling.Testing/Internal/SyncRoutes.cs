using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The synchronous routes, which are no task kind: <c>POST /kling/v1/videos/identify-face</c> (<c>/v1/…</c> on the official host) answers at once with a
/// face session (docs/kling-catalogue.md section 3.6), and this class keeps those sessions, so it also checks that a
/// lip-sync create (section 3.7) names a session of the same key, one of its faces, and a clip that overlaps the
/// face's time on screen by at least 2 s. The face pictures it points at are served under <c>/emulator/faces/</c>.
/// The engine asks it first (<see cref="Handle"/>); null lets the engine go on as for any other request.
/// </summary>
internal sealed class SyncRoutes
{
    public const string IdentifyFaceRoute = "videos/identify-face";
    public const string FacePicturePrefix = ResultMedia.UrlPrefix + "faces/";

    /// <summary>Stated only by one gateway's documentation (kling-catalogue §3.6); the emulator follows it.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(24);

    private const string JsonContentType = "application/json";
    private const string LipSyncRoute = "videos/advanced-lip-sync";
    private const long MinOverlapMilliseconds = 2000;

    // The emulator's result video lasts 5 s and shows one face from start to end.
    private const long FaceEndMilliseconds = 5000;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly Lazy<byte[]> FacePicture = new(() =>
    {
        using var stream = typeof(SyncRoutes).Assembly.GetManifestResourceStream("CometApi.Kling.Testing.emulator-image.jpg")
            ?? throw new InvalidOperationException("The emulator's resource emulator-image.jpg is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    private readonly object _gate = new();
    private readonly Dictionary<string, FaceSession> _sessions = new(StringComparer.Ordinal);
    private readonly string _identifyFacePath;

    /// <param name="routePrefix">The host's route prefix, <c>/kling/v1/</c> or <c>/v1/</c>.</param>
    public SyncRoutes(string routePrefix) => _identifyFacePath = routePrefix + IdentifyFaceRoute;

    /// <summary>
    /// Answers an identify-face request or a face picture, or refuses a lip-sync create whose session, face or timing
    /// does not fit the sessions; null for every other request, which the engine handles as before.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="kind">The task kind whose route the request is on, if any.</param>
    /// <param name="refused">The engine's answer to a request whose key is refused, or null when it authenticates.</param>
    /// <param name="apiKey">The request's key (when it authenticates).</param>
    /// <param name="now">The emulator's clock.</param>
    /// <param name="baseAddress">Where the face pictures' URLs point.</param>
    public EngineResponse? Handle(EngineRequest request, TaskKind? kind, EngineResponse? refused, string? apiKey, DateTimeOffset now, Uri baseAddress)
    {
        var path = request.Path.Length > 1 ? request.Path.TrimEnd('/') : request.Path;
        if (path == _identifyFacePath)
        {
            return request.Method != "POST"
                ? Error(HttpStatusCode.NotFound, 1202, $"requested method is invalid: {request.Method} {request.Path}")
                : refused ?? IdentifyFaces(request.Body, apiKey!, now, baseAddress);
        }

        if ((request.Method == "GET" || request.IsHead) && path.StartsWith(FacePicturePrefix, StringComparison.Ordinal))
        {
            return ServePicture(path[FacePicturePrefix.Length..]);
        }

        return kind?.Route == LipSyncRoute && request.Method == "POST" && refused is null ? CheckLipSync(request.Body, apiKey!, now) : null;
    }

    private static EngineResponse Error(HttpStatusCode status, int code, string message) =>
        new((int)status, WireJson.KlingError(code, message, Guid.NewGuid().ToString("D")), JsonContentType);

    private static JsonElement? Parse(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Exactly one of video_id and video_url; the answer is a new session with the one face of the emulator's videos.</summary>
    private EngineResponse IdentifyFaces(byte[] body, string apiKey, DateTimeOffset now, Uri baseAddress)
    {
        if (Parse(body) is not { } root)
        {
            return Error(HttpStatusCode.BadRequest, 1200, "invalid request body: must be a JSON object");
        }

        var videoId = FieldChecks.Get(root, "video_id");
        var videoUrl = FieldChecks.Get(root, "video_url");
        var problem = (videoId, videoUrl) switch
        {
            (null, null) => "video_id or video_url is required",
            ({ }, { }) => "invalid parameters: video_id and video_url are mutually exclusive, send only one",
            ({ ValueKind: not JsonValueKind.String }, _) => "invalid video_id: must be a string",
            ({ } id, _) when string.IsNullOrWhiteSpace(id.GetString()) => "invalid video_id: empty",
            (_, { ValueKind: not JsonValueKind.String }) => "invalid video_url: must be a string",
            (_, { } url) when !Uri.TryCreate(url.GetString(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https") =>
                $"invalid video_url: '{url.GetString()}' is not an absolute http(s) URL",
            _ => null,
        };
        if (problem is not null)
        {
            return Error(HttpStatusCode.BadRequest, 1201, problem);
        }

        var session = new FaceSession(Guid.NewGuid().ToString("N"), apiKey, now, [new FaceOnScreen("0", 0, FaceEndMilliseconds)]);
        lock (_gate)
        {
            _sessions.Add(session.Id, session);
        }

        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", 0);
            writer.WriteString("message", WireJson.SucceedMessage);
            writer.WriteString("request_id", Guid.NewGuid().ToString("D"));
            writer.WriteStartObject("data");
            writer.WriteString("session_id", session.Id);
            writer.WriteStartArray("face_data");
            foreach (var face in session.Faces)
            {
                writer.WriteStartObject();
                writer.WriteString("face_id", face.FaceId);
                writer.WriteString("face_image", new Uri(baseAddress, $"{FacePicturePrefix[1..]}{session.Id}-{face.FaceId}.jpg").AbsoluteUri);
                writer.WriteNumber("start_time", face.StartTime);
                writer.WriteNumber("end_time", face.EndTime);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new EngineResponse((int)HttpStatusCode.OK, buffer.ToArray(), JsonContentType);
    }

    /// <summary>A face picture, <c>{session}-{face}.jpg</c>, while its session lives.</summary>
    private EngineResponse ServePicture(string name)
    {
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        bool known;
        lock (_gate)
        {
            known = dash > 0 && _sessions.ContainsKey(name[..dash]) && name.EndsWith(".jpg", StringComparison.Ordinal);
        }

        return known
            ? new EngineResponse((int)HttpStatusCode.OK, FacePicture.Value, "image/jpeg")
            : new EngineResponse((int)HttpStatusCode.NotFound, "face picture not found\n"u8.ToArray(), "text/plain");
    }

    /// <summary>
    /// What only the sessions can tell about a lip-sync create: the session is this key's and alive, each face is one of
    /// its faces, and each clip overlaps that face's time on screen by at least 2 s. A body too malformed to read is left
    /// to the kind's checker.
    /// </summary>
    private EngineResponse? CheckLipSync(byte[] body, string apiKey, DateTimeOffset now)
    {
        if (Parse(body) is not { } root || FieldChecks.Get(root, "session_id") is not { ValueKind: JsonValueKind.String } sessionValue)
        {
            return null;
        }

        var sessionId = sessionValue.GetString()!;
        FaceSession? session;
        lock (_gate)
        {
            session = _sessions.GetValueOrDefault(sessionId);
        }

        if (session is null || session.ApiKey != apiKey)
        {
            // Another key's session is as unknown as one that never existed.
            return Error(HttpStatusCode.BadRequest, 1201, $"invalid session_id: '{sessionId}' is not a face session of this account; identify the faces first with videos/identify-face");
        }

        if (now - session.CreatedAt > SessionLifetime)
        {
            return Error(HttpStatusCode.BadRequest, 1201, $"invalid session_id: '{sessionId}' has expired (a session lasts 24 hours); identify the faces again");
        }

        if (FieldChecks.Get(root, "face_choose") is not { ValueKind: JsonValueKind.Array } faces)
        {
            return null;
        }

        var index = 0;
        foreach (var choice in faces.EnumerateArray())
        {
            var field = $"face_choose[{index++}]";
            if (choice.ValueKind != JsonValueKind.Object || FieldChecks.Get(choice, "face_id") is not { ValueKind: JsonValueKind.String } faceIdValue)
            {
                continue;
            }

            var faceId = faceIdValue.GetString()!;
            if (string.IsNullOrWhiteSpace(faceId))
            {
                continue; // the kind's checker says it is required
            }

            if (session.Faces.FirstOrDefault(face => face.FaceId == faceId) is not { } face)
            {
                return Error(HttpStatusCode.BadRequest, 1201, $"invalid {field}.face_id: '{faceId}' is not a face of session '{sessionId}' (its faces: {string.Join(", ", session.Faces.Select(f => f.FaceId))})");
            }

            var start = LipSyncChecker.Milliseconds(FieldChecks.Get(choice, "sound_start_time"));
            var end = LipSyncChecker.Milliseconds(FieldChecks.Get(choice, "sound_end_time"));
            var insert = LipSyncChecker.Milliseconds(FieldChecks.Get(choice, "sound_insert_time"));
            if (start is { } s && end is { } e && insert is { } at && e > s)
            {
                var overlap = Math.Min(at + (e - s), face.EndTime) - Math.Max(at, face.StartTime);
                if (overlap < MinOverlapMilliseconds)
                {
                    return Error(
                        HttpStatusCode.BadRequest,
                        1201,
                        $"invalid {field}.sound_insert_time: the audio overlaps the face's time on screen ({face.StartTime}-{face.EndTime} ms) by {Math.Max(overlap, 0)} ms, at least {MinOverlapMilliseconds} ms are required");
                }
            }
        }

        return null;
    }

    private sealed record FaceOnScreen(string FaceId, long StartTime, long EndTime);

    private sealed record FaceSession(string Id, string ApiKey, DateTimeOffset CreatedAt, IReadOnlyList<FaceOnScreen> Faces);
}
