using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The lip-sync rules (kling-catalogue §3.7), checked by the client before anything is sent: every refusal asserts that
/// no request left the client, every acceptance that exactly one create was sent.
/// </summary>
public sealed class LipSyncValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static KlingFaceChoice Face(Action<KlingFaceChoice>? change = null)
    {
        var face = new KlingFaceChoice
        {
            FaceId = "0",
            Audio = KlingAudio.FromBytes(TestAudio.Wav(5)),
            AudioStartTime = TimeSpan.Zero,
            AudioEndTime = TimeSpan.FromSeconds(4),
            AudioInsertTime = TimeSpan.Zero,
        };
        change?.Invoke(face);
        return face;
    }

    private static LipSyncRequest Valid(Action<KlingFaceChoice>? changeFace = null) => new() { SessionId = "session-1", Faces = [Face(changeFace)] };

    private static async Task<KlingValidationException> RefusedAsync(LipSyncRequest request, KlingValidationLimits? limits = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = KindApi.Client(handler, configure: options => options.ValidationLimits = limits ?? new KlingValidationLimits());
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateLipSyncAsync(request, Token));
        Assert.Empty(handler.Requests);
        return error;
    }

    private static async Task<JsonObject> AcceptedAsync(LipSyncRequest request, KlingValidationLimits? limits = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var client = KindApi.Client(handler, configure: options => options.ValidationLimits = limits ?? new KlingValidationLimits());
        await client.CreateLipSyncAsync(request, Token);
        return JsonNode.Parse(Assert.Single(handler.Requests).Body!)!.AsObject();
    }

    private static KlingValidationError Single(KlingValidationException error, string path)
    {
        var found = Assert.Single(error.Errors);
        Assert.Equal(path, found.Path);
        return found;
    }

    [Fact]
    public async Task Create_lip_sync_accepts_a_session_and_one_face_with_a_4_s_clip_of_a_5_s_wav() => await AcceptedAsync(Valid());

    // ---- session and faces ----

    [Fact]
    public async Task Create_lip_sync_rejects_a_missing_or_blank_session_id()
    {
        var missing = await RefusedAsync(new LipSyncRequest { Faces = [Face()] });
        var blank = await RefusedAsync(new LipSyncRequest { SessionId = "", Faces = [Face()] });

        Assert.Contains("IdentifyFacesAsync", Single(missing, "session_id").Message, StringComparison.Ordinal);
        Assert.Contains("blank", Single(blank, "session_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_a_missing_or_empty_face_choose()
    {
        var missing = await RefusedAsync(new LipSyncRequest { SessionId = "s" });
        var empty = await RefusedAsync(new LipSyncRequest { SessionId = "s", Faces = [] });

        Assert.Contains("required", Single(missing, "face_choose").Message, StringComparison.Ordinal);
        Assert.Contains("at least one face", Single(empty, "face_choose").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_a_second_face_because_Kling_syncs_one_person_unless_LipSync_MaxFaces_allows_it()
    {
        var request = new LipSyncRequest { SessionId = "s", Faces = [Face(), Face(face => face.FaceId = "1")] };

        var error = await RefusedAsync(request);
        await AcceptedAsync(request with { }, new KlingValidationLimits { LipSync = { MaxFaces = 2 } });

        Assert.Contains("KlingValidationLimits.LipSync.MaxFaces", Single(error, "face_choose").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_the_same_face_chosen_twice_and_a_null_face()
    {
        var twice = await RefusedAsync(new LipSyncRequest { SessionId = "s", Faces = [Face(), Face()] }, new KlingValidationLimits { LipSync = { MaxFaces = 3 } });
        var nullFace = await RefusedAsync(new LipSyncRequest { SessionId = "s", Faces = [null!] });

        Assert.Contains("chosen twice", Single(twice, "face_choose[1].face_id").Message, StringComparison.Ordinal);
        Assert.Contains("null", Single(nullFace, "face_choose[0]").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_a_missing_face_id()
    {
        var error = await RefusedAsync(Valid(face => face.FaceId = null));

        Assert.Contains("face_id is required", Single(error, "face_choose[0].face_id").Message, StringComparison.Ordinal);
    }

    // ---- audio ----

    [Fact]
    public async Task Create_lip_sync_rejects_a_face_with_neither_or_both_audio_id_and_sound_file()
    {
        var neither = await RefusedAsync(Valid(face => face.Audio = null));
        var both = await RefusedAsync(Valid(face => face.AudioId = "audio-1"));

        Assert.Contains("audio_id or sound_file is required", Single(neither, "face_choose[0].audio_id").Message, StringComparison.Ordinal);
        Assert.Contains("sound_file cannot be combined with audio_id", Single(both, "face_choose[0].sound_file").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(61)]
    public async Task Create_lip_sync_rejects_a_wav_outside_2_to_60_s_under_any_limits(double seconds)
    {
        var official = KlingValidationLimits.CreateOfficial();
        var error = await RefusedAsync(Valid(face => (face.Audio, face.AudioEndTime) = (KlingAudio.FromBytes(TestAudio.Wav(seconds)), TimeSpan.FromMilliseconds(1000 + 1000))), official);

        var problem = error.Errors.First(found => found.Path == "face_choose[0].sound_file");
        Assert.Contains("it must last 2 to 60 s (Kling's range for lip-sync audio)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_audio_over_5_MB()
    {
        var error = await RefusedAsync(Valid(face => face.Audio = KlingAudio.FromBytes(TestAudio.Mp3((5 * 1024 * 1024) + 1))));

        Assert.Contains("KlingValidationLimits.MaxAudioBytes", Single(error, "face_choose[0].sound_file").Message, StringComparison.Ordinal);
    }

    // ---- times ----

    [Theory]
    [InlineData("sound_start_time")]
    [InlineData("sound_end_time")]
    [InlineData("sound_insert_time")]
    public async Task Create_lip_sync_rejects_each_missing_time(string field)
    {
        var error = await RefusedAsync(Valid(face =>
        {
            switch (field)
            {
                case "sound_start_time": face.AudioStartTime = null; break;
                case "sound_end_time": face.AudioEndTime = null; break;
                default: face.AudioInsertTime = null; break;
            }
        }));

        Assert.Contains("is required (milliseconds)", Single(error, "face_choose[0]." + field).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_negative_times()
    {
        var error = await RefusedAsync(Valid(face => (face.AudioStartTime, face.AudioInsertTime) = (TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(-5))));

        Assert.Equal(["face_choose[0].sound_start_time", "face_choose[0].sound_insert_time"], error.Errors.Select(problem => problem.Path));
        Assert.All(error.Errors, problem => Assert.Contains("cannot be negative", problem.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_lip_sync_rejects_a_time_with_a_fraction_of_a_millisecond_as_kling_takes_whole_ones()
    {
        var error = await RefusedAsync(Valid(face => face.AudioInsertTime = TimeSpan.FromTicks(15_005)));

        Assert.Contains("sound_insert_time is 1.5005 ms; Kling takes whole milliseconds", Single(error, "face_choose[0].sound_insert_time").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_sends_the_times_as_whole_milliseconds()
    {
        var body = await AcceptedAsync(Valid(face =>
            (face.AudioStartTime, face.AudioEndTime, face.AudioInsertTime) = (TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4.25), TimeSpan.FromMinutes(1))));

        var sent = body["face_choose"]![0]!;
        Assert.Equal("1500,4250,60000", $"{sent["sound_start_time"]!.ToJsonString()},{sent["sound_end_time"]!.ToJsonString()},{sent["sound_insert_time"]!.ToJsonString()}");
    }

    [Fact]
    public async Task Create_lip_sync_rejects_an_end_not_after_the_start()
    {
        var error = await RefusedAsync(Valid(face => (face.AudioStartTime, face.AudioEndTime) = (TimeSpan.FromMilliseconds(3000), TimeSpan.FromMilliseconds(3000))));

        Assert.Contains("must be after sound_start_time", Single(error, "face_choose[0].sound_end_time").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_a_clip_under_2000_ms_and_accepts_exactly_2000_ms()
    {
        var error = await RefusedAsync(Valid(face => (face.AudioStartTime, face.AudioEndTime) = (TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(2999))));
        await AcceptedAsync(Valid(face => (face.AudioStartTime, face.AudioEndTime) = (TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(3000))));

        Assert.Contains("lasts 1999 ms; Kling needs at least 2000 ms", Single(error, "face_choose[0].sound_end_time").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_a_clip_that_ends_past_the_end_of_a_local_wav()
    {
        var error = await RefusedAsync(Valid(face => face.AudioEndTime = TimeSpan.FromMilliseconds(5001)));

        Assert.Contains("past the end of the audio, which lasts 5000 ms", Single(error, "face_choose[0].sound_end_time").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_reads_CometAPIs_string_times_from_the_faces_extra_fields()
    {
        var accepted = await AcceptedAsync(Valid(face =>
        {
            (face.AudioStartTime, face.AudioEndTime, face.AudioInsertTime) = (null, null, null);
            face.AdditionalProperties = new Dictionary<string, JsonNode?> { ["sound_start_time"] = "0", ["sound_end_time"] = 2000, ["sound_insert_time"] = "0" };
        }));
        var tooShort = await RefusedAsync(Valid(face =>
        {
            (face.AudioStartTime, face.AudioEndTime) = (null, null);
            face.AdditionalProperties = new Dictionary<string, JsonNode?> { ["sound_start_time"] = "0", ["sound_end_time"] = "1500" };
        }));
        var unreadable = await RefusedAsync(Valid(face =>
        {
            face.AudioStartTime = null;
            face.AdditionalProperties = new Dictionary<string, JsonNode?> { ["sound_start_time"] = "soon" };
        }));

        Assert.Equal("0", (string?)accepted["face_choose"]![0]!["sound_start_time"]);
        Assert.Equal("face_choose[0].sound_end_time", Assert.Single(tooShort.Errors).Path);
        Assert.Contains("neither a whole number nor a string of digits", Single(unreadable, "face_choose[0].sound_start_time").Message, StringComparison.Ordinal);
    }

    // ---- volumes and extras ----

    [Theory]
    [InlineData(-0.1)]
    [InlineData(2.01)]
    [InlineData(double.NaN)]
    public async Task Create_lip_sync_rejects_volumes_outside_0_to_2(double volume)
    {
        var error = await RefusedAsync(Valid(face => (face.AudioVolume, face.OriginalAudioVolume) = (volume, volume)));

        Assert.Equal(["face_choose[0].sound_volume", "face_choose[0].original_audio_volume"], error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public async Task Create_lip_sync_accepts_volumes_of_0_and_2()
    {
        var body = await AcceptedAsync(Valid(face => (face.AudioVolume, face.OriginalAudioVolume) = (0, 2)));

        Assert.Equal(2, (double)body["face_choose"]![0]!["original_audio_volume"]!);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_both_names_of_the_original_volume_and_a_face_extra_that_repeats_a_typed_field()
    {
        var error = await RefusedAsync(Valid(face =>
        {
            face.OriginalAudioVolume = 1;
            face.AdditionalProperties = new Dictionary<string, JsonNode?> { ["original_sound_volume"] = 1, ["face_id"] = "1" };
        }));

        Assert.Equal(["face_choose[0].original_sound_volume", "face_choose[0].face_id"], error.Errors.Select(problem => problem.Path));
        Assert.Contains("KlingFaceChoice.AdditionalProperties has the key 'face_id'", error.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_rejects_a_request_extra_that_repeats_a_typed_field()
    {
        var request = Valid();
        request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["session_id"] = "other" };

        var error = await RefusedAsync(request);

        Assert.Contains("LipSyncRequest.AdditionalProperties has the key 'session_id'", Single(error, "session_id").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_lip_sync_reports_every_problem_at_once_and_sends_nothing()
    {
        var error = await RefusedAsync(new LipSyncRequest
        {
            SessionId = " ",
            Faces = [new KlingFaceChoice { AudioStartTime = TimeSpan.FromMilliseconds(500), AudioEndTime = TimeSpan.FromMilliseconds(1000), AudioVolume = 3 }],
            CallbackUrl = new Uri("ftp://example.com/hook"),
        });

        Assert.Equal(
            ["session_id", "face_choose[0].face_id", "face_choose[0].audio_id", "face_choose[0].sound_insert_time", "face_choose[0].sound_end_time", "face_choose[0].sound_volume", "callback_url"],
            error.Errors.Select(problem => problem.Path));
    }

    [Fact]
    public void The_lip_sync_face_limit_is_checked_when_a_validator_is_made()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingRequestValidator(new KlingValidationLimits { LipSync = { MaxFaces = 0 } }));

        Assert.Contains("KlingValidationLimits.LipSync.MaxFaces must be at least 1", error.Message, StringComparison.Ordinal);
    }
}
