using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Serialization;

namespace CometApi.Kling.Tests.Models;

/// <summary>
/// The extensible string structs (<see cref="KlingModel"/>, <see cref="KlingMode"/>, ...): each wraps a wire value,
/// compares it ignoring case, keeps values this SDK does not know, and is a plain JSON string on the wire.
/// </summary>
public class ExtensibleStringTests
{
    private static readonly Dictionary<string, Subject> Subjects = new Subject[]
    {
        new Subject<KlingModel>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new()
            {
                [nameof(KlingModel.KlingV1)] = "kling-v1",
                [nameof(KlingModel.KlingV15)] = "kling-v1-5",
                [nameof(KlingModel.KlingV16)] = "kling-v1-6",
                [nameof(KlingModel.KlingV2Master)] = "kling-v2-master",
                [nameof(KlingModel.KlingV21)] = "kling-v2-1",
                [nameof(KlingModel.KlingV21Master)] = "kling-v2-1-master",
                [nameof(KlingModel.KlingV25Turbo)] = "kling-v2-5-turbo",
                [nameof(KlingModel.KlingV26)] = "kling-v2-6",
                [nameof(KlingModel.KlingV3)] = "kling-v3",
                [nameof(KlingModel.KolorsVirtualTryOnV1)] = "kolors-virtual-try-on-v1",
                [nameof(KlingModel.KolorsVirtualTryOnV15)] = "kolors-virtual-try-on-v1-5",
                [nameof(KlingModel.KlingVideoO1)] = "kling-video-o1",
                [nameof(KlingModel.KlingV3Omni)] = "kling-v3-omni",
            }),
        new Subject<KlingMode>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new() { [nameof(KlingMode.Standard)] = "std", [nameof(KlingMode.Pro)] = "pro", [nameof(KlingMode.FourK)] = "4k" }),
        new Subject<KlingDuration>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new() { [nameof(KlingDuration.Five)] = "5", [nameof(KlingDuration.Ten)] = "10" }),
        new Subject<KlingTaskStatus>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new()
            {
                [nameof(KlingTaskStatus.Submitted)] = "submitted",
                [nameof(KlingTaskStatus.Processing)] = "processing",
                [nameof(KlingTaskStatus.Succeeded)] = "succeed",
                [nameof(KlingTaskStatus.Failed)] = "failed",
            }),
        new Subject<KlingSound>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new() { [nameof(KlingSound.On)] = "on", [nameof(KlingSound.Off)] = "off" }),
        new Subject<KlingShotType>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new() { [nameof(KlingShotType.Customize)] = "customize", [nameof(KlingShotType.Intelligence)] = "intelligence" }),
        new Subject<KlingOmniImageType>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new() { [nameof(KlingOmniImageType.FirstFrame)] = "first_frame", [nameof(KlingOmniImageType.EndFrame)] = "end_frame" }),
        new Subject<KlingVideoReferenceType>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new() { [nameof(KlingVideoReferenceType.Feature)] = "feature", [nameof(KlingVideoReferenceType.Base)] = "base" }),
        new Subject<KlingCameraControlType>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new()
            {
                [nameof(KlingCameraControlType.Simple)] = "simple",
                [nameof(KlingCameraControlType.DownBack)] = "down_back",
                [nameof(KlingCameraControlType.ForwardUp)] = "forward_up",
                [nameof(KlingCameraControlType.RightTurnForward)] = "right_turn_forward",
                [nameof(KlingCameraControlType.LeftTurnForward)] = "left_turn_forward",
            }),
        new Subject<KlingAspectRatio>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new()
            {
                [nameof(KlingAspectRatio.Landscape16x9)] = "16:9",
                [nameof(KlingAspectRatio.Portrait9x16)] = "9:16",
                [nameof(KlingAspectRatio.Square1x1)] = "1:1",
                [nameof(KlingAspectRatio.Landscape4x3)] = "4:3",
                [nameof(KlingAspectRatio.Portrait3x4)] = "3:4",
                [nameof(KlingAspectRatio.Landscape3x2)] = "3:2",
                [nameof(KlingAspectRatio.Portrait2x3)] = "2:3",
            }),
        new Subject<KlingEffectScene>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new()
            {
                [nameof(KlingEffectScene.FuzzyFuzzy)] = "fuzzyfuzzy",
                [nameof(KlingEffectScene.Squish)] = "squish",
                [nameof(KlingEffectScene.Expansion)] = "expansion",
                [nameof(KlingEffectScene.Hug)] = "hug",
                [nameof(KlingEffectScene.Kiss)] = "kiss",
                [nameof(KlingEffectScene.HeartGesture)] = "heart_gesture",
            }),
        new Subject<KlingImageReference>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new() { [nameof(KlingImageReference.Subject)] = "subject", [nameof(KlingImageReference.Face)] = "face" }),
        new Subject<KlingImageResolution>(
            value => value,
            (left, right) => left == right,
            (left, right) => left != right,
            new() { [nameof(KlingImageResolution.OneK)] = "1k", [nameof(KlingImageResolution.TwoK)] = "2k" }),
    }.ToDictionary(subject => subject.Name);

    /// <summary>
    /// Structs that wrap a string but are not a wire value kept as written, so the checks above do not fit them; each is
    /// covered by its own test below. <see cref="KlingTaskKind"/> is a route: it normalises what it is given (surrounding
    /// spaces and slashes, short names such as <c>text2video</c>) and its constructor's parameter is <c>routeOrName</c>.
    /// </summary>
    private static readonly string[] CoveredSeparately = [nameof(KlingTaskKind)];

    public static TheoryData<string> Types => new(Subjects.Keys);

    [Fact]
    public void Every_extensible_string_struct_of_the_library_is_covered()
    {
        // A struct that wraps a wire string is recognised by its string constructor and implicit conversion from string.
        var extensible = typeof(KlingClient).Assembly.GetExportedTypes()
            .Where(type => type.IsValueType && type.GetConstructor([typeof(string)]) is not null)
            .Where(type => type.GetMethod("op_Implicit", [typeof(string)]) is not null)
            .Select(type => type.Name)
            .Order();

        Assert.Equal(Subjects.Keys.Concat(CoveredSeparately).Order(), extensible);
    }

    [Fact]
    public void KlingTaskKind_is_a_short_name_compared_by_route_ignoring_case_that_keeps_unknown_routes()
    {
        Assert.Equal("image2video", KlingTaskKind.ImageToVideo.ToString());
        Assert.Equal("videos/image2video", KlingTaskKind.ImageToVideo.Route);
        Assert.Equal("text2video", KlingTaskKind.TextToVideo.ToString());
        Assert.Equal([KlingTaskKind.ImageToVideo, KlingTaskKind.TextToVideo, KlingTaskKind.MultiImageToVideo, KlingTaskKind.VideoExtend, KlingTaskKind.Avatar, KlingTaskKind.Effects, KlingTaskKind.LipSync, KlingTaskKind.OmniVideo, KlingTaskKind.ImageGeneration, KlingTaskKind.VirtualTryOn, KlingTaskKind.TextToAudio, KlingTaskKind.VideoToAudio], KlingTaskKind.Known);

        // Short names and routes, in any case and with stray slashes or spaces, are the same kind.
        foreach (var variant in new[] { "videos/text2video", "VIDEOS/TEXT2VIDEO", "text2video", "Text2Video", " /videos/text2video/ " })
        {
            KlingTaskKind kind = variant;
            Assert.True(kind == KlingTaskKind.TextToVideo, variant);
            Assert.False(kind != KlingTaskKind.TextToVideo, variant);
            Assert.True(kind.Equals((object)KlingTaskKind.TextToVideo), variant);
            Assert.Equal(KlingTaskKind.TextToVideo.GetHashCode(), kind.GetHashCode());
        }

        Assert.True(KlingTaskKind.ImageToVideo != KlingTaskKind.TextToVideo);
        Assert.False(KlingTaskKind.ImageToVideo.Equals((object)"videos/image2video"), "Equals(object) compares with the same struct type only.");

        // An unknown route is kept as written (inside its trimmed slashes), equal to itself in any case.
        KlingTaskKind unknown = "videos/Future-Kind_42";
        Assert.Equal("videos/Future-Kind_42", unknown.ToString());
        Assert.Equal("videos/Future-Kind_42", unknown.Name);
        Assert.True(unknown == "VIDEOS/future-kind_42");
        Assert.False(unknown.IsUnspecified);
        Assert.False(KlingTaskKind.TryParse(unknown.Route, out var notKnown));
        Assert.True(notKnown.IsUnspecified);
        Assert.True(KlingTaskKind.TryParse("IMAGE2VIDEO", out var parsed));
        Assert.Equal(KlingTaskKind.ImageToVideo, parsed);

        // The default is "no kind": empty, equal only to itself.
        Assert.True(default(KlingTaskKind).IsUnspecified);
        Assert.Equal(string.Empty, default(KlingTaskKind).ToString());
        Assert.True(default(KlingTaskKind) == new KlingTaskKind());
        Assert.All(KlingTaskKind.Known, kind => Assert.True(kind != default));

        var exception = Assert.Throws<ArgumentNullException>(() => new KlingTaskKind(null!));
        Assert.Equal("routeOrName", exception.ParamName);

        // JSON: the short name as a plain string (an unknown kind's name is its route), read back from the name or the
        // route (as earlier versions wrote it), and null for a missing nullable kind.
        foreach (var kind in KlingTaskKind.Known.Append(unknown))
        {
            var json = JsonSerializer.Serialize(kind);
            Assert.Equal(JsonSerializer.Serialize(kind.Name), json);
            Assert.Equal(kind, JsonSerializer.Deserialize<KlingTaskKind>(json));
            Assert.Equal(kind, JsonSerializer.Deserialize<KlingTaskKind>(JsonSerializer.Serialize(kind.Route)));
        }

        Assert.Equal(KlingTaskKind.TextToVideo, JsonSerializer.Deserialize<KlingTaskKind>("\"text2video\""));
        Assert.Null(JsonSerializer.Deserialize<KlingTaskKind?>("null"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<KlingTaskKind>("true"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<KlingTaskKind>("{}"));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Static_members_have_their_documented_wire_values(string type) => Subjects[type].StaticMembersHaveTheirWireValues();

    [Theory]
    [MemberData(nameof(Types))]
    public void Implicit_conversion_from_string_keeps_the_value_as_written(string type) => Subjects[type].ImplicitConversionKeepsTheValue();

    [Theory]
    [MemberData(nameof(Types))]
    public void Equality_ignores_case_in_every_form(string type) => Subjects[type].EqualityIgnoresCase();

    [Theory]
    [MemberData(nameof(Types))]
    public void Different_values_are_not_equal(string type) => Subjects[type].DifferentValuesAreNotEqual();

    [Theory]
    [MemberData(nameof(Types))]
    public void Unknown_values_are_kept_as_they_are(string type) => Subjects[type].UnknownValuesAreKept();

    [Theory]
    [MemberData(nameof(Types))]
    public void The_default_value_is_an_empty_string_equal_only_to_itself(string type) => Subjects[type].DefaultIsEmpty();

    [Theory]
    [MemberData(nameof(Types))]
    public void A_null_string_is_rejected(string type) => Subjects[type].NullIsRejected();

    [Theory]
    [MemberData(nameof(Types))]
    public void JSON_is_a_plain_string_and_round_trips_known_and_unknown_values(string type) => Subjects[type].JsonRoundTrips();

    [Theory]
    [MemberData(nameof(Types))]
    public void JSON_numbers_are_read_as_their_text_and_other_tokens_are_rejected(string type) => Subjects[type].JsonReadsNumbersAndRejectsOtherTokens();

    [Fact]
    public void A_known_value_compares_equal_to_a_string_through_implicit_conversion()
    {
        Assert.True(KlingModel.KlingV2Master == "KLING-V2-MASTER");
        Assert.True(KlingMode.Standard == "std");
        Assert.True(KlingDuration.Ten == "10");
        Assert.False(KlingMode.Pro == "std");
        Assert.True(KlingTaskStatus.Succeeded != "failed");
    }

    [Fact]
    public void Case_insensitive_values_collapse_in_hash_based_collections()
    {
        var models = new HashSet<KlingModel> { KlingModel.KlingV1, "KLING-V1", "Kling-V1", KlingModel.KlingV3 };

        Assert.Equal(2, models.Count);
        Assert.Contains((KlingModel)"kling-V3", models);
    }

    [Theory]
    [InlineData(1, "1")]
    [InlineData(5, "5")]
    [InlineData(10, "10")]
    [InlineData(15, "15")]
    [InlineData(120, "120")]
    public void KlingDuration_FromSeconds_writes_the_whole_number_of_seconds(int seconds, string expected)
    {
        var duration = KlingDuration.FromSeconds(seconds);

        Assert.Equal(expected, duration.ToString());
        Assert.True(duration == expected);
    }

    [Fact]
    public void KlingDuration_FromSeconds_equals_the_named_durations()
    {
        Assert.Equal(KlingDuration.Five, KlingDuration.FromSeconds(5));
        Assert.Equal(KlingDuration.Ten, KlingDuration.FromSeconds(10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void KlingDuration_FromSeconds_rejects_a_length_that_is_not_positive(int seconds)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => KlingDuration.FromSeconds(seconds));

        Assert.Equal("seconds", exception.ParamName);
        Assert.Equal(seconds, exception.ActualValue);
    }

    [Theory]
    [InlineData("succeed", true)]
    [InlineData("SUCCEED", true)]
    [InlineData("failed", true)]
    [InlineData("Failed", true)]
    [InlineData("submitted", false)]
    [InlineData("processing", false)]
    [InlineData("cancelled", false)]
    [InlineData("", false)]
    public void KlingTaskStatus_IsTerminal_only_for_succeed_and_failed(string status, bool terminal)
    {
        Assert.Equal(terminal, new KlingTaskStatus(status).IsTerminal);
    }

    [Fact]
    public void KlingTaskStatus_IsTerminal_of_the_named_statuses_and_the_default()
    {
        Assert.True(KlingTaskStatus.Succeeded.IsTerminal);
        Assert.True(KlingTaskStatus.Failed.IsTerminal);
        Assert.False(KlingTaskStatus.Submitted.IsTerminal);
        Assert.False(KlingTaskStatus.Processing.IsTerminal);
        Assert.False(default(KlingTaskStatus).IsTerminal);
    }

    [Fact]
    public void TaskData_round_trips_through_the_JSON_context_keeping_an_unknown_status()
    {
        var original = new TaskData { TaskId = "860000000000000001", TaskStatus = "queued_for_review" };

        var json = JsonSerializer.Serialize(original, KlingJsonContext.Default.TaskData);
        var read = JsonSerializer.Deserialize(json, KlingJsonContext.Default.TaskData)!;

        Assert.Equal("queued_for_review", JsonNode.Parse(json)!["task_status"]!.GetValue<string>());
        Assert.Equal("queued_for_review", read.TaskStatus.ToString());
        Assert.Equal(original.TaskStatus, read.TaskStatus);
        Assert.False(read.TaskStatus.IsTerminal);
        Assert.Equal("860000000000000001", read.TaskId);
    }

    [Theory]
    [InlineData("succeed")]
    [InlineData("SUCCEED")]
    [InlineData("Succeed")]
    public void TaskData_reads_a_known_status_in_any_case_and_keeps_its_spelling(string wire)
    {
        var read = JsonSerializer.Deserialize($$"""{"task_id":"1","task_status":"{{wire}}"}""", KlingJsonContext.Default.TaskData)!;

        Assert.Equal(KlingTaskStatus.Succeeded, read.TaskStatus);
        Assert.True(read.TaskStatus.IsTerminal);
        Assert.Equal(wire, read.TaskStatus.ToString());
        Assert.Contains($"\"task_status\":\"{wire}\"", JsonSerializer.Serialize(read, KlingJsonContext.Default.TaskData), StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_written_through_the_JSON_context_sends_unknown_values_verbatim()
    {
        var request = new ImageToVideoRequest
        {
            ModelName = "kling-v9-ultra",
            Mode = "hyper",
            Duration = "7",
            Sound = "stereo",
            ShotType = "auto_cut",
            CameraControl = new KlingCameraControl { Type = "orbit_left" },
            Shots = [new KlingShot { Index = 1, Prompt = "a cat", Duration = KlingDuration.FromSeconds(7) }],
        };

        var json = JsonNode.Parse(JsonSerializer.Serialize(request, KlingJsonContext.Default.ImageToVideoRequest))!;

        Assert.Equal("kling-v9-ultra", json["model_name"]!.GetValue<string>());
        Assert.Equal("hyper", json["mode"]!.GetValue<string>());
        Assert.Equal("7", json["duration"]!.GetValue<string>());
        Assert.Equal("stereo", json["sound"]!.GetValue<string>());
        Assert.Equal("auto_cut", json["shot_type"]!.GetValue<string>());
        Assert.Equal("orbit_left", json["camera_control"]!["type"]!.GetValue<string>());
        Assert.Equal("7", json["multi_prompt"]![0]!["duration"]!.GetValue<string>());
    }

    [Fact]
    public void A_request_written_through_the_JSON_context_sends_the_named_values_as_strings()
    {
        var request = new ImageToVideoRequest
        {
            ModelName = KlingModel.KlingV21Master,
            Mode = KlingMode.Pro,
            Duration = KlingDuration.Ten,
            Sound = KlingSound.On,
            ShotType = KlingShotType.Intelligence,
            CameraControl = new KlingCameraControl { Type = KlingCameraControlType.ForwardUp },
        };

        var json = JsonSerializer.Serialize(request, KlingJsonContext.Default.ImageToVideoRequest);

        Assert.Equal(
            """{"model_name":"kling-v2-1-master","mode":"pro","duration":"10","camera_control":{"type":"forward_up"},"sound":"on","shot_type":"intelligence"}""",
            json);
    }

    /// <summary>One extensible string struct and the checks every such struct must pass.</summary>
    private abstract class Subject(string name)
    {
        public string Name { get; } = name;

        public abstract void StaticMembersHaveTheirWireValues();

        public abstract void ImplicitConversionKeepsTheValue();

        public abstract void EqualityIgnoresCase();

        public abstract void DifferentValuesAreNotEqual();

        public abstract void UnknownValuesAreKept();

        public abstract void DefaultIsEmpty();

        public abstract void NullIsRejected();

        public abstract void JsonRoundTrips();

        public abstract void JsonReadsNumbersAndRejectsOtherTokens();
    }

    private sealed class Subject<T>(
        Func<string, T> fromString,
        Func<T, T, bool> equalOperator,
        Func<T, T, bool> notEqualOperator,
        Dictionary<string, string> wireValues) : Subject(typeof(T).Name)
        where T : struct, IEquatable<T>
    {
        private const string UnknownValue = "Future-Value_42";

        private IEnumerable<(string Name, T Value, string Wire)> Members => wireValues.Select(pair => (pair.Key, Member(pair.Key), pair.Value));

        public override void StaticMembersHaveTheirWireValues()
        {
            var staticMembers = typeof(T)
                .GetProperties(BindingFlags.Public | BindingFlags.Static)
                .Where(property => property.PropertyType == typeof(T))
                .Select(property => property.Name)
                .Order();

            // A new named value needs its wire value in this table.
            Assert.Equal(wireValues.Keys.Order(), staticMembers);
            foreach (var (name, value, wire) in Members)
            {
                Assert.True(wire == value.ToString(), $"{typeof(T).Name}.{name} should be '{wire}', got '{value}'.");
            }
        }

        public override void ImplicitConversionKeepsTheValue()
        {
            foreach (var (_, value, wire) in Members)
            {
                T converted = fromString(wire);
                Assert.Equal(wire, converted.ToString());
                Assert.Equal(value, converted);
            }

            Assert.Equal("Mixed-CASE value", fromString("Mixed-CASE value").ToString());
        }

        public override void EqualityIgnoresCase()
        {
            foreach (var (name, value, wire) in Members.Append(("unknown", fromString(UnknownValue), UnknownValue)))
            {
                foreach (var variant in new[] { wire, wire.ToUpperInvariant(), SwapCase(wire) })
                {
                    var other = fromString(variant);
                    var because = $"{typeof(T).Name}.{name} vs '{variant}'";
                    Assert.True(equalOperator(value, other), because);
                    Assert.True(equalOperator(other, value), because);
                    Assert.False(notEqualOperator(value, other), because);
                    Assert.True(value.Equals(other), because);
                    Assert.True(value.Equals((object)other), because);
                    Assert.True(value.GetHashCode() == other.GetHashCode(), because);
                }
            }
        }

        public override void DifferentValuesAreNotEqual()
        {
            var members = Members.ToArray();
            foreach (var (leftName, left, _) in members)
            {
                foreach (var (rightName, right, _) in members.Where(member => member.Name != leftName))
                {
                    var because = $"{typeof(T).Name}.{leftName} vs {rightName}";
                    Assert.False(equalOperator(left, right), because);
                    Assert.True(notEqualOperator(left, right), because);
                    Assert.False(left.Equals(right), because);
                    Assert.False(left.Equals((object)right), because);
                }

                Assert.False(left.Equals((object?)null));
                Assert.False(left.Equals(left.ToString()), "Equals(object) compares with the same struct type only.");
            }
        }

        public override void UnknownValuesAreKept()
        {
            var unknown = fromString(UnknownValue);

            Assert.Equal(UnknownValue, unknown.ToString());
            Assert.Equal(UnknownValue, new T?(unknown).ToString());
            Assert.All(Members, member => Assert.True(notEqualOperator(unknown, member.Value)));
            Assert.Equal(" padded ", fromString(" padded ").ToString());
            Assert.Equal(string.Empty, fromString(string.Empty).ToString());
        }

        public override void DefaultIsEmpty()
        {
            T defaultValue = default;

            Assert.Equal(string.Empty, defaultValue.ToString());
            Assert.True(equalOperator(defaultValue, default));
            Assert.True(defaultValue.Equals(default(T)));
            Assert.Equal(default(T).GetHashCode(), defaultValue.GetHashCode());
            Assert.All(Members, member => Assert.True(notEqualOperator(defaultValue, member.Value)));
        }

        public override void NullIsRejected()
        {
            Assert.Throws<ArgumentNullException>(() => fromString(null!));

            var exception = Assert.Throws<TargetInvocationException>(() => typeof(T).GetConstructor([typeof(string)])!.Invoke([null]));
            Assert.Equal("value", Assert.IsType<ArgumentNullException>(exception.InnerException).ParamName);
        }

        public override void JsonRoundTrips()
        {
            foreach (var (_, value, wire) in Members.Append(("unknown", fromString(UnknownValue), UnknownValue)))
            {
                var json = JsonSerializer.Serialize(value);
                Assert.Equal(JsonSerializer.Serialize(wire), json);

                var read = JsonSerializer.Deserialize<T>(json);
                Assert.Equal(wire, read.ToString());
                Assert.Equal(value, read);
            }

            var nullable = JsonSerializer.Deserialize<T?>("null");
            Assert.Null(nullable);
        }

        public override void JsonReadsNumbersAndRejectsOtherTokens()
        {
            Assert.Equal("15", JsonSerializer.Deserialize<T>("15").ToString());
            Assert.Equal("5.10", JsonSerializer.Deserialize<T>("5.10").ToString());
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<T>("true"));
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<T>("{}"));
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<T>("[]"));
        }

        private static T Member(string name) => (T)typeof(T).GetProperty(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        private static string SwapCase(string value) =>
            new(value.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray());
    }
}
