using System.CommandLine;
using System.Globalization;

namespace CometApi.Kling.Cli.Commands;

/// <summary>
/// <c>kling lip-sync</c>: identify the faces of a video (a synchronous, billed call), choose one, then create the
/// lip-sync task, wait for it and save the video. With <c>--json</c> the document carries the face session.
/// </summary>
internal static class LipSyncCommand
{
    // Kling: the audio must overlap the face's time on screen by at least 2 s (kling-catalogue §3.7).
    private const long MinOverlapMilliseconds = 2000;

    public static Command Create(Func<ParseResult, CliSession> openSession)
    {
        var videoId = new Option<string?>("--video-id") { Description = "The video: the id of a video Kling generated (a task's videos[].id). Or --video-url." };
        var videoUrl = new Option<string?>("--video-url") { Description = "The video: an http(s) URL of an MP4 or MOV (2 to 60 s, 720p or 1080p). Or --video-id." };
        var audio = new Option<string?>("--audio") { Description = "The speech: a local MP3/WAV/M4A/AAC file or an http(s) URL (2 to 60 s, at most 5 MB). Or --audio-id." };
        var audioId = new Option<string?>("--audio-id") { Description = "The speech as the id of an audio Kling generated. Or --audio." };
        var face = new Option<string?>("--face") { Description = "The face_id to sync (needed when the video shows several faces; they are listed)." };
        var startMs = new Option<long?>("--start-ms") { Description = "Where the clip starts in the audio, in ms (default: 0)." };
        var endMs = new Option<long?>("--end-ms")
        {
            Description = "Where the clip ends in the audio, in ms, at least 2000 after --start-ms (default: as long as the face is on screen, or to the end of a local WAV if shorter).",
        };
        var insertMs = new Option<long?>("--insert-ms") { Description = "Where the clip goes in the video, in ms (default: when the face first appears)." };
        var volume = new Option<double?>("--volume") { Description = "The speech's volume, 0 to 2 (default: the service's, 1)." };
        var originalVolume = new Option<double?>("--original-volume") { Description = "The video's own sound's volume, 0 to 2 (default: the service's, 1)." };
        var options = new TaskOptions<Plan>()
            .Add(videoId, videoUrl, audio, audioId, face, startMs, endMs, insertMs, volume, originalVolume)
            .CallbackUrl((plan, value) => plan.Request.CallbackUrl = value)
            .ExternalId((plan, value) => plan.Request.ExternalTaskId = value);

        return TaskCommand.CreateInSession(
            "lip-sync",
            "Make a face of a video speak an audio: identify the faces, create the task, wait for it, save the MP4.",
            openSession,
            options,
            parse =>
            {
                var choice = new KlingFaceChoice
                {
                    Audio = AudioArgument.Parse(parse.GetValue(audio)),
                    AudioId = parse.GetValue(audioId),
                    AudioStartTime = CliTime.Milliseconds(parse.GetValue(startMs) ?? 0, "--start-ms"),
                    AudioVolume = parse.GetValue(volume),
                    OriginalAudioVolume = parse.GetValue(originalVolume),
                };
                var request = new LipSyncRequest
                {
                    Faces = [choice],
                };

                // The video is checked when the plan runs, after --callback-url: of two usage errors, that one is reported first.
                return new Plan(
                    parse.GetValue(videoId),
                    parse.GetValue(videoUrl),
                    request,
                    choice,
                    parse.GetValue(face),
                    parse.GetValue(endMs),
                    parse.GetValue(insertMs),
                    AudioArgument.WavLength(parse.GetValue(audio)));
            },
            RunAsync);
    }

    /// <summary>Exactly one of --video-id and --video-url, as identify-face takes; anything else is a usage error (nothing sent).</summary>
    private static IdentifyFacesRequest ReadVideo(string? videoId, string? videoUrl)
    {
        if ((videoId is null) == (videoUrl is null))
        {
            throw new KlingCliUsageException("Give the video as exactly one of --video-id <id> and --video-url <url>.");
        }

        if (videoUrl is null)
        {
            return new IdentifyFacesRequest { VideoId = videoId };
        }

        return Uri.TryCreate(videoUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? new IdentifyFacesRequest { VideoUrl = url }
            : throw new KlingCliUsageException($"--video-url '{videoUrl}' is not an absolute http(s) URL.");
    }

    private static async Task<TaskResponse> RunAsync(CliSession session, Plan plan, CancellationToken cancellationToken)
    {
        var video = ReadVideo(plan.VideoId, plan.VideoUrl);
        var request = plan.Request;
        var choice = plan.Choice;
        var start = (choice.AudioStartTime ?? TimeSpan.Zero).Ticks / TimeSpan.TicksPerMillisecond;

        // Identify-face is billed: check the rest of the request first, with stand-ins for what it will tell.
        Complete(request, choice, "pending", plan.FaceId ?? "pending", plan.EndMs ?? start + 2000, plan.InsertMs ?? 0);
        var problems = await new KlingRequestValidator().ValidateAsync(request, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new KlingValidationException(problems);
        }

        var identification = await session.Client.IdentifyFacesAsync(video, cancellationToken).ConfigureAwait(false);
        session.Console.Session = identification;
        session.Console.Info($"Session {identification.SessionId}: {identification.Faces.Count} face(s) found");
        foreach (var found in identification.Faces)
        {
            session.Console.Info(Invariant($"  face {found.FaceId}: on screen {found.StartTime}-{found.EndTime} ms, {found.FaceImage}"));
        }

        var chosen = ChooseFace(identification, plan.FaceId);
        var end = plan.EndMs ?? DefaultEnd(start, chosen, plan.WavLength);
        var insert = plan.InsertMs ?? chosen.StartTime;
        var overlap = Math.Min(insert + (end - start), chosen.EndTime) - Math.Max(insert, chosen.StartTime);
        if (end > start && overlap < MinOverlapMilliseconds)
        {
            throw new KlingCliUsageException(Invariant(
                $"The clip ({end - start} ms, inserted at {insert} ms) overlaps face {chosen.FaceId}'s time on screen ({chosen.StartTime}-{chosen.EndTime} ms) by {Math.Max(overlap, 0)} ms; Kling needs at least {MinOverlapMilliseconds} ms. Change --insert-ms or --end-ms."));
        }

        Complete(request, choice, identification.SessionId!, chosen.FaceId!, end, insert);
        return await session.Client.CreateLipSyncAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The face named by --face, or the only one; otherwise a usage error listing them.</summary>
    internal static KlingFace ChooseFace(KlingFaceIdentification identification, string? faceId)
    {
        var faces = identification.Faces;
        if (faces.Count == 0)
        {
            throw new KlingCliUsageException("Kling found no face in the video: lip-sync needs a visible face.");
        }

        var list = string.Join("; ", faces.Select(found => Invariant($"{found.FaceId} ({found.StartTime}-{found.EndTime} ms)")));
        if (faceId is not null)
        {
            return faces.FirstOrDefault(found => found.FaceId == faceId)
                ?? throw new KlingCliUsageException($"--face '{faceId}' is not a face of this video; its faces: {list}.");
        }

        return faces.Count == 1
            ? faces[0]
            : throw new KlingCliUsageException($"The video shows {faces.Count} faces; choose one with --face <face_id>: {list}.");
    }

    /// <summary>The clip covers the face's time on screen, but not past the end of a local WAV whose length is known.</summary>
    private static long DefaultEnd(long start, KlingFace face, TimeSpan? wavLength)
    {
        var end = start + Math.Max(face.EndTime - face.StartTime, 0);
        return wavLength is { } length ? Math.Min(end, (long)Math.Floor(length.TotalMilliseconds)) : end;
    }

    /// <summary>Puts what identify-face told (or its stand-ins) into the request.</summary>
    private static void Complete(LipSyncRequest request, KlingFaceChoice choice, string sessionId, string faceId, long end, long insert)
    {
        request.SessionId = sessionId;
        choice.FaceId = faceId;
        choice.AudioEndTime = CliTime.Milliseconds(end, "--end-ms");
        choice.AudioInsertTime = CliTime.Milliseconds(insert, "--insert-ms");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the options say: the video to identify, the request to complete with the session and face, and the times left to choose.</summary>
    private sealed record Plan(string? VideoId, string? VideoUrl, LipSyncRequest Request, KlingFaceChoice Choice, string? FaceId, long? EndMs, long? InsertMs, TimeSpan? WavLength);
}
