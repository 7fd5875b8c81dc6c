using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CometApi.Kling.Serialization;

namespace CometApi.Kling.Tests.Serialization;

/// <summary>
/// The supported way to use the SDK's models beside a user's own source-generated <see cref="JsonSerializerContext"/>:
/// the user's context holds only the user's types, and <see cref="KlingJson.TypeInfoResolver"/> joins it in the options'
/// resolver chain. The models' converters are internal, so a user's context that listed the models itself could not use
/// them (SYSLIB1220; samples/AotConsole compiles the supported way without access to the SDK's internals).
/// </summary>
public class UserJsonContextTests
{
    private static readonly Assembly Library = typeof(KlingClient).Assembly;

    [Fact]
    public void A_task_and_a_request_written_through_a_user_context_chained_with_KlingJson_match_KlingJson()
    {
        var options = new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.TypeInfoResolverChain.Add(KlingJson.TypeInfoResolver);
        options.TypeInfoResolverChain.Add(UserOrderContext.Default);
        var taskInfo = (JsonTypeInfo<TaskResponse>)options.GetTypeInfo(typeof(TaskResponse));
        var request = ARequest();

        var task = JsonSerializer.Deserialize(KlingJsonTests.SucceededResponse, taskInfo)!;

        Assert.Equal(KlingJsonTests.SucceededResponse, JsonSerializer.Serialize(task, taskInfo));
        Assert.Equal(KlingJson.Serialize(request), JsonSerializer.Serialize(request, (JsonTypeInfo<TextToVideoRequest>)options.GetTypeInfo(typeof(TextToVideoRequest))));
        Assert.Equal("""{"order_id":"o-1","kling_task_id":"2032273942220931072"}""", JsonSerializer.Serialize(new UserOrder("o-1", task.Data.TaskId), options.GetTypeInfo(typeof(UserOrder))));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1773366840306), task.Data.CreatedAt);
    }

    [Fact]
    public void A_user_context_combined_with_KlingJson_writes_the_API_names_and_values_with_its_own_settings()
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(KlingJson.TypeInfoResolver, UserOrderContext.Default),
        };
        var request = ARequest();
        var task = JsonSerializer.Deserialize(KlingJsonTests.SucceededResponse, (JsonTypeInfo<TaskResponse>)options.GetTypeInfo(typeof(TaskResponse)))!;

        var json = JsonNode.Parse(JsonSerializer.Serialize(task, options.GetTypeInfo(typeof(TaskResponse))))!;
        var body = JsonNode.Parse(JsonSerializer.Serialize(request, options.GetTypeInfo(typeof(TextToVideoRequest))))!;

        Assert.Equal("succeed", json["data"]!["task_status"]!.GetValue<string>());
        Assert.Equal(1773366840306, json["data"]!["created_at"]!.GetValue<long>());
        Assert.Equal("5.1", json["data"]!["task_result"]!["videos"]![0]!["duration"]!.GetValue<string>());
        Assert.Equal(KlingJsonTests.SucceededResponse, KlingJson.Serialize(KlingJson.Deserialize<TaskResponse>(json.ToJsonString())));

        // A request is written by the SDK's own converter, so nothing of the options changes its body.
        Assert.Equal(KlingJson.Serialize(request), body.ToJsonString());
        Assert.Equal("kling-v2-master", body["model_name"]!.GetValue<string>());
        Assert.Equal("10", body["duration"]!.GetValue<string>());
    }

    [Fact]
    public void A_model_is_held_in_a_user_type_as_a_JsonElement_written_by_KlingJson()
    {
        var task = KlingJson.Deserialize<TaskResponse>(KlingJsonTests.SucceededResponse);
        var stored = new UserStoredTask("o-1", JsonSerializer.SerializeToElement(task, KlingJson.GetTypeInfo<TaskResponse>()));

        var json = JsonSerializer.Serialize(stored, UserOrderContext.Default.UserStoredTask);
        var again = JsonSerializer.Deserialize(json, UserOrderContext.Default.UserStoredTask)!;

        Assert.Equal("""{"order_id":"o-1","task":""" + KlingJsonTests.SucceededResponse + "}", json);
        Assert.Equal(KlingJsonTests.SucceededResponse, KlingJson.Serialize(again.Task.Deserialize(KlingJson.GetTypeInfo<TaskResponse>())!));
    }

    [Fact]
    public void Every_JsonConverter_named_by_a_public_type_is_internal_and_sealed()
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
            Assert.False(converter.IsVisible, $"{where} is public: the converters are wire details, reached through KlingJson.");
            Assert.True(converter.IsSealed, $"{where} is not sealed.");
            Assert.Equal("CometApi.Kling.Serialization", converter.Namespace);
        });
    }

    [Fact]
    public void Every_request_record_is_written_by_the_one_request_converter()
    {
        var requests = Library.GetExportedTypes().Where(type => type.IsSubclassOf(typeof(KlingTaskRequest))).ToArray();

        Assert.NotEmpty(requests);
        Assert.All(requests, type => Assert.Equal(
            typeof(KlingTaskRequestJsonConverter<>).MakeGenericType(type),
            type.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType));
    }

    private static TextToVideoRequest ARequest() => new()
    {
        Prompt = "A cat walks on the beach",
        ModelName = "kling-v2-master",
        Duration = KlingDuration.Ten,
        AspectRatio = new KlingAspectRatio("9:16"),
        ExternalTaskId = "order-42",
    };
}

/// <summary>A user's own type that refers to a task by its id.</summary>
public sealed record UserOrder([property: JsonPropertyName("order_id")] string OrderId, [property: JsonPropertyName("kling_task_id")] string KlingTaskId);

/// <summary>A user's own type that holds a whole task as the SDK's JSON.</summary>
public sealed record UserStoredTask([property: JsonPropertyName("order_id")] string OrderId, [property: JsonPropertyName("task")] JsonElement Task);

/// <summary>A user's own context: only the user's types, none of the SDK's.</summary>
[JsonSerializable(typeof(UserOrder))]
[JsonSerializable(typeof(UserStoredTask))]
internal sealed partial class UserOrderContext : JsonSerializerContext;
