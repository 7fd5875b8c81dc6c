using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Tests.Serialization;

/// <summary>
/// The SDK's models inside a user's own source-generated <see cref="JsonSerializerContext"/>. The generator can only use
/// a <see cref="JsonConverterAttribute"/> whose converter it can reach (SYSLIB1220 otherwise, and the type is then written
/// without it: a <see cref="KlingTaskStatus"/> as <c>{}</c>). This project sees the SDK's internals, so the reflection
/// test below is what guards a user's assembly; samples/AotConsole holds a context compiled without that access.
/// </summary>
public class UserJsonContextTests
{
    private static readonly Assembly Library = typeof(KlingClient).Assembly;

    [Fact]
    public void A_user_context_with_the_SDK_settings_writes_and_reads_the_same_JSON_as_KlingJson()
    {
        var response = JsonSerializer.Deserialize(KlingJsonTests.SucceededResponse, UserContext.Default.TaskResponse)!;

        var json = JsonSerializer.Serialize(response, UserContext.Default.TaskResponse);

        Assert.Equal(KlingJsonTests.SucceededResponse, json);
        Assert.Equal(KlingJson.Serialize(KlingJson.Deserialize<TaskResponse>(KlingJsonTests.SucceededResponse)), json);
        Assert.Equal(KlingTaskStatus.Succeeded, response.Data.TaskStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366840306), response.Data.CreatedAt);
        Assert.Equal("image2video", response.Data.AdditionalProperties!["task_kind"].GetString());
    }

    [Fact]
    public void A_user_context_writes_a_request_exactly_as_KlingJson_does()
    {
        var request = new ImageToVideoRequest
        {
            Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")),
            Prompt = "The cat turns its head",
            ModelName = "kling-v9-ultra",
            Mode = KlingMode.Pro,
            Duration = KlingDuration.Five,
            CameraControl = new KlingCameraControl { Type = KlingCameraControlType.Simple, Config = new KlingCameraConfig { Zoom = 5 } },
            Sound = KlingSound.On,
            ShotType = KlingShotType.Intelligence,
            AdditionalProperties = new Dictionary<string, JsonNode?> { ["aspect_ratio"] = "16:9" },
        };

        Assert.Equal(KlingJson.Serialize(request), JsonSerializer.Serialize(request, UserContext.Default.ImageToVideoRequest));
        Assert.Equal(KlingJson.Serialize(request), JsonSerializer.Serialize(request, DefaultOptionsUserContext.Default.ImageToVideoRequest));
    }

    [Fact]
    public void A_user_context_with_default_settings_reads_the_same_values_and_writes_the_API_names()
    {
        var response = JsonSerializer.Deserialize(KlingJsonTests.SucceededResponse, DefaultOptionsUserContext.Default.TaskResponse)!;

        var json = JsonNode.Parse(JsonSerializer.Serialize(response, DefaultOptionsUserContext.Default.TaskResponse))!;

        Assert.Equal("succeed", json["data"]!["task_status"]!.GetValue<string>());
        Assert.Equal("2032273942220931072", json["data"]!["task_id"]!.GetValue<string>());
        Assert.Equal(1773366840306, json["data"]!["created_at"]!.GetValue<long>());
        Assert.Equal("5.1", json["data"]!["task_result"]!["videos"]![0]!["duration"]!.GetValue<string>());
        Assert.Equal("""{"nested":[1,2.50,null,"x"]}""", json["data"]!["future"]!.ToJsonString());
        var again = KlingJson.Deserialize<TaskResponse>(json.ToJsonString());
        Assert.Equal(KlingJsonTests.SucceededResponse, KlingJson.Serialize(again));
    }

    [Fact]
    public void Every_JsonConverter_named_by_a_public_type_is_public_with_a_public_parameterless_constructor()
    {
        var converters = Library.GetExportedTypes()
            .SelectMany(type => new MemberInfo[] { type }.Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
            .Select(member => (member, attribute: member.GetCustomAttribute<JsonConverterAttribute>()))
            .Where(pair => pair.attribute?.ConverterType is not null)
            .ToArray();

        Assert.Contains(converters, pair => pair.member == typeof(KlingTaskStatus));
        Assert.Contains(converters, pair => pair.member == typeof(ImageToVideoRequest));
        Assert.Contains(converters, pair => pair.member.Name == nameof(TaskData.CreatedAt));
        Assert.All(converters, pair =>
        {
            var converter = pair.attribute!.ConverterType!;
            var where = $"{converter.Name} on {(pair.member as Type ?? pair.member.DeclaringType)!.Name}.{pair.member.Name}";
            Assert.True(converter.IsPublic, $"{where} is not public: a user's own JsonSerializerContext cannot use it (SYSLIB1220).");
            Assert.True(converter.IsSealed, $"{where} is not sealed.");
            Assert.Equal("CometApi.Kling.Serialization", converter.Namespace);
            Assert.NotNull(converter.GetConstructor(Type.EmptyTypes));
        });
    }
}

/// <summary>What a user writes to store the SDK's models with the SDK's own settings.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(ImageToVideoRequest))]
internal sealed partial class UserContext : JsonSerializerContext;

/// <summary>What a user writes without thinking about settings.</summary>
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(ImageToVideoRequest))]
internal sealed partial class DefaultOptionsUserContext : JsonSerializerContext;
