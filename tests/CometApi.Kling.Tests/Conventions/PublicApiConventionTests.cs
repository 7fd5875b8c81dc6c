using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CometApi.Kling.Http;
using CometApi.Kling.Serialization;
using CometApi.Kling.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CometApi.Kling.Tests.Conventions;

/// <summary>Rules every public type of the library follows, checked by reflection so new types are held to them too.</summary>
public partial class PublicApiConventionTests
{
    private static readonly Assembly Library = typeof(KlingClient).Assembly;

    private static readonly Type[] PublicTypes = Library.GetExportedTypes();

    /// <summary>The wire models: records, and any type whose properties carry System.Text.Json attributes.</summary>
    private static readonly Type[] ModelTypes = PublicTypes
        .Where(type => type.Namespace == "CometApi.Kling")
        .Where(type => IsRecord(type) || InstanceProperties(type).Any(HasJsonAttribute))
        .OrderBy(type => type.Name)
        .ToArray();

    /// <summary>The models the service sends back: they keep unknown fields in a [JsonExtensionData] dictionary.</summary>
    private static readonly Type[] ResponseModelTypes = ModelTypes
        .Where(type => InstanceProperties(type).Any(property => property.IsDefined(typeof(JsonExtensionDataAttribute))))
        .ToArray();

    [Fact]
    public void The_model_type_lists_find_the_known_models()
    {
        Assert.Superset(
            new HashSet<Type>
            {
                typeof(KlingTaskRequest), typeof(ImageToVideoRequest), typeof(TextToVideoRequest), typeof(KlingTaskHandle), typeof(KlingCameraConfig), typeof(KlingCameraControl), typeof(KlingDynamicMask), typeof(KlingElement),
                typeof(KlingShot), typeof(KlingTrajectoryPoint), typeof(KlingVoice), typeof(KlingWatermarkInfo), typeof(KlingVideo),
                typeof(KlingGeneratedImage), typeof(KlingGeneratedAudio),
                typeof(TaskData), typeof(TaskInfo), typeof(TaskResponse), typeof(TaskResult),
            },
            ModelTypes.ToHashSet());
        Assert.Equal(
            [typeof(KlingFace), typeof(KlingFaceIdentification), typeof(KlingGeneratedAudio), typeof(KlingGeneratedImage), typeof(KlingVideo), typeof(TaskData), typeof(TaskInfo), typeof(TaskResponse), typeof(TaskResult)],
            ResponseModelTypes);
    }

    [Fact]
    public void Every_public_type_is_in_the_CometApi_Kling_namespace_except_the_DI_extensions()
    {
        // The JSON converters the models' [JsonConverter] attributes name are internal (CometApi.Kling.Serialization):
        // users reach the SDK's JSON through KlingJson (tests/CometApi.Kling.Tests/Serialization/UserJsonContextTests.cs).
        var misplaced = PublicTypes
            .Where(type => type.Namespace != "CometApi.Kling")
            .ToArray();

        var extensions = Assert.Single(misplaced);
        Assert.Equal(typeof(KlingServiceCollectionExtensions), extensions);
        Assert.Equal("Microsoft.Extensions.DependencyInjection", extensions.Namespace);
        Assert.True(extensions.IsAbstract && extensions.IsSealed, "The DI extension class should be static.");
    }

    [Fact]
    public void Every_public_async_method_ends_in_Async_and_takes_a_defaulted_cancellationToken_last()
    {
        var asyncMethods = PublicTypes
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => !method.IsSpecialName && IsAsyncReturnType(method.ReturnType))
            .ToArray();

        Assert.NotEmpty(asyncMethods);
        Assert.All(asyncMethods, method =>
        {
            var where = $"{method.DeclaringType!.Name}.{method.Name}";
            Assert.True(method.Name.EndsWith("Async", StringComparison.Ordinal), $"{where} returns {method.ReturnType.Name} but does not end in Async.");
            var last = method.GetParameters().LastOrDefault();
            Assert.True(last is not null, $"{where} takes no CancellationToken.");
            Assert.True(last.ParameterType == typeof(CancellationToken), $"{where} should take a CancellationToken last.");
            Assert.True(last.Name == "cancellationToken", $"{where} should name its token cancellationToken, not {last.Name}.");
            Assert.True(last.HasDefaultValue, $"{where} should default its cancellationToken.");
        });
    }

    [Fact]
    public void Every_public_method_named_Async_is_asynchronous()
    {
        var misnamed = PublicTypes
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.Name.EndsWith("Async", StringComparison.Ordinal) && !IsAsyncReturnType(method.ReturnType))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}");

        Assert.Empty(misnamed);
    }

    [Fact]
    public void Public_model_classes_are_sealed()
    {
        var unsealed = PublicTypes
            .Where(type => type.IsClass && !type.IsSealed)
            .Where(type => type != typeof(KlingClient)) // Open on purpose: it is mocked by subclassing.
            .Where(type => !typeof(Exception).IsAssignableFrom(type)) // An exception hierarchy is meant to be derived.
            .Where(type => !IsClosedBase(type)) // The request base of every kind: only this library can derive from it.
            .Select(type => type.FullName);

        Assert.Empty(unsealed);
        Assert.All(ModelTypes.Where(type => type.IsClass && !IsClosedBase(type)), type => Assert.True(type.IsSealed, $"{type.Name} should be sealed."));

        // The one closed base today, and what derives from it is sealed.
        Assert.Equal([typeof(KlingTaskRequest)], PublicTypes.Where(IsClosedBase));
        var kinds = PublicTypes.Where(type => type.IsSubclassOf(typeof(KlingTaskRequest))).ToArray();
        Assert.Superset(new HashSet<Type> { typeof(ImageToVideoRequest), typeof(TextToVideoRequest) }, kinds.ToHashSet());
        Assert.All(kinds, type => Assert.True(type.IsSealed, $"{type.Name} should be sealed."));
    }

    [Fact]
    public void Every_serialized_model_property_has_a_snake_case_JsonPropertyName()
    {
        Assert.All(ModelTypes, type =>
        {
            var wireNames = new List<string>();
            foreach (var property in InstanceProperties(type))
            {
                if (property.IsDefined(typeof(JsonExtensionDataAttribute)) || property.IsDefined(typeof(JsonIgnoreAttribute)))
                {
                    continue;
                }

                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
                Assert.True(name is not null, $"{type.Name}.{property.Name} is serialized but has no [JsonPropertyName].");
                Assert.True(SnakeCase().IsMatch(name), $"{type.Name}.{property.Name} has the wire name '{name}', which is not snake_case.");
                wireNames.Add(name);
            }

            Assert.Equal(wireNames.Distinct(), wireNames);
        });
    }

    [Fact]
    public void Model_collection_properties_are_read_only_lists()
    {
        Assert.All(ModelTypes, type =>
        {
            var collections = InstanceProperties(type)
                .Where(property => property.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType))
                .Where(property => !property.IsDefined(typeof(JsonExtensionDataAttribute)) && !property.IsDefined(typeof(JsonIgnoreAttribute)));

            Assert.All(collections, property => Assert.True(
                property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>),
                $"{type.Name}.{property.Name} is {property.PropertyType.Name}; collections should be IReadOnlyList<T>."));
        });
    }

    [Fact]
    public void Response_collection_properties_are_read_only_lists()
    {
        Assert.Equal(typeof(IReadOnlyList<KlingGeneratedImage>), typeof(TaskResult).GetProperty(nameof(TaskResult.Images))!.PropertyType);
        Assert.Equal(typeof(IReadOnlyList<KlingVideo>), typeof(TaskResult).GetProperty(nameof(TaskResult.Videos))!.PropertyType);
    }

    [Theory]
    [InlineData(typeof(TaskResponse))]
    [InlineData(typeof(TaskData))]
    [InlineData(typeof(TaskInfo))]
    [InlineData(typeof(TaskResult))]
    [InlineData(typeof(KlingVideo))]
    [InlineData(typeof(ImageToVideoRequest))]
    public void The_model_is_registered_in_the_JSON_context(Type type)
    {
        Assert.NotNull(KlingJsonContext.Default.GetTypeInfo(type));
    }

    [Fact]
    public void Every_response_model_is_registered_in_the_JSON_context()
    {
        Assert.All(ResponseModelTypes, type => Assert.True(KlingJsonContext.Default.GetTypeInfo(type) is not null, $"{type.Name} is not in KlingJsonContext."));
    }

    [Fact]
    public void Extension_data_properties_are_settable_so_the_source_generator_can_fill_them()
    {
        // An init-only [JsonExtensionData] property makes every source-generated read of the type throw.
        Assert.All(
            ResponseModelTypes.SelectMany(type => InstanceProperties(type).Where(property => property.IsDefined(typeof(JsonExtensionDataAttribute)))),
            property => Assert.False(IsInitOnly(property), $"{property.DeclaringType!.Name}.{property.Name} is init-only."));
    }

    [Fact]
    public void What_users_build_or_configure_has_no_init_only_setters_so_CSharp_7_3_can_set_it()
    {
        // C# 7.3, the default language of .NET Framework projects (netstandard2.0), cannot call an init accessor.
        // tests/PackageConsumer.CSharp73 proves the same from the packed packages.
        var userBuilt = RequestModelTypes()
            .Concat(PublicTypes.Concat(typeof(KlingEmulator).Assembly.GetExportedTypes())
                .Where(type => type.Name.EndsWith("Options", StringComparison.Ordinal) || type.Name.EndsWith("Limits", StringComparison.Ordinal)))
            .ToArray();

        Assert.Superset(
            new HashSet<Type>
            {
                typeof(ImageToVideoRequest), typeof(KlingCameraConfig), typeof(KlingCameraControl), typeof(KlingDynamicMask), typeof(KlingElement),
                typeof(KlingShot), typeof(KlingVoice), typeof(KlingWatermarkInfo), typeof(KlingClientOptions), typeof(KlingResilienceOptions),
                typeof(KlingValidationLimits), typeof(KlingWaitOptions), typeof(KlingEmulatorOptions),
            },
            userBuilt.ToHashSet());
        Assert.All(
            userBuilt.SelectMany(InstanceProperties).Where(property => property.CanWrite),
            property => Assert.False(IsInitOnly(property), $"{property.DeclaringType!.Name}.{property.Name} is init-only: use set."));
    }

    [Fact]
    public void No_public_type_has_required_members()
    {
        // A required member makes every constructor of its type unusable from C# 7.3 (and from C# 9 and 10).
        Assert.All(
            PublicTypes.Concat(typeof(KlingEmulator).Assembly.GetExportedTypes()),
            type => Assert.False(
                type.GetCustomAttributes(inherit: false).Any(attribute => attribute.GetType().Name == "RequiredMemberAttribute"),
                $"{type.FullName} has required members."));
    }

    [Fact]
    public void Every_response_model_reads_through_the_JSON_context_and_keeps_unknown_fields()
    {
        Assert.All(ResponseModelTypes, type =>
        {
            var typeInfo = KlingJsonContext.Default.GetTypeInfo(type)!;

            var model = JsonSerializer.Deserialize("""{"field_from_the_future":{"nested":[1,2]}}""", typeInfo)!;

            var extension = InstanceProperties(type).Single(property => property.IsDefined(typeof(JsonExtensionDataAttribute)));
            var unknown = Assert.IsAssignableFrom<IDictionary<string, JsonElement>>(extension.GetValue(model));
            Assert.Equal("""{"nested":[1,2]}""", unknown["field_from_the_future"].GetRawText());
            Assert.Contains("\"field_from_the_future\":{\"nested\":[1,2]}", JsonSerializer.Serialize(model, typeInfo), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Response_collections_read_as_empty_not_null_when_the_service_omits_them()
    {
        // The envelopes are the exception: a missing "data" is how the client tells a non-Kling answer (IKlingEnvelope.HasData).
        var models = ResponseModelTypes.Where(type => !typeof(IKlingEnvelope).IsAssignableFrom(type));

        Assert.All(models, type =>
        {
            var model = JsonSerializer.Deserialize("{}", KlingJsonContext.Default.GetTypeInfo(type)!)!;

            var lists = InstanceProperties(type).Where(property => property.PropertyType.IsGenericType
                && property.PropertyType.GetGenericTypeDefinition() == typeof(IReadOnlyList<>));
            Assert.All(lists, property => Assert.True(property.GetValue(model) is not null, $"{type.Name}.{property.Name} is null after reading {{}}."));
        });
    }

    [Fact]
    public void A_running_task_with_an_empty_task_result_has_no_videos()
    {
        var task = JsonSerializer.Deserialize("""{"task_id":"1","task_status":"processing","task_result":{}}""", KlingJsonContext.Default.TaskData)!;

        Assert.NotNull(task.TaskResult);
        Assert.Empty(task.TaskResult.Videos);
    }

    [Fact]
    public void The_request_writer_uses_exactly_the_JsonPropertyName_of_every_request_property()
    {
        var request = FullyPopulatedRequest();
        Assert.All(
            InstanceProperties(typeof(ImageToVideoRequest)).Where(property => !property.IsDefined(typeof(JsonIgnoreAttribute))),
            property => Assert.True(property.GetValue(request) is not null, $"The test request should set {property.Name}."));

        var json = JsonNode.Parse(JsonSerializer.Serialize(request, KlingJsonContext.Default.ImageToVideoRequest))!.AsObject();

        AssertKeys(typeof(ImageToVideoRequest), json);
        Assert.Equal(WireNames(typeof(ImageToVideoRequest)), request.Definition.SetPropertyNames(request).Order());
        AssertKeys(typeof(KlingDynamicMask), json["dynamic_masks"]![0]!.AsObject());
        AssertKeys(typeof(KlingTrajectoryPoint), json["dynamic_masks"]![0]!["trajectories"]![0]!.AsObject());
        AssertKeys(typeof(KlingCameraControl), json["camera_control"]!.AsObject());
        AssertKeys(typeof(KlingCameraConfig), json["camera_control"]!["config"]!.AsObject());
        AssertKeys(typeof(KlingVoice), json["voice_list"]![0]!.AsObject());
        AssertKeys(typeof(KlingElement), json["element_list"]![0]!.AsObject());
        AssertKeys(typeof(KlingShot), json["multi_prompt"]![0]!.AsObject());
        AssertKeys(typeof(KlingWatermarkInfo), json["watermark_info"]!.AsObject());
    }

    /// <summary>Every kind's request type (<see cref="KlingTaskRequest"/>'s public subclasses).</summary>
    public static TheoryData<Type> RequestTypes => new(PublicTypes.Where(type => type.IsSubclassOf(typeof(KlingTaskRequest))).OrderBy(type => type.Name));

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void Each_request_property_is_the_one_wire_field_its_kind_declares_under_its_JsonPropertyName(Type type)
    {
        var empty = (KlingTaskRequest)Activator.CreateInstance(type)!;
        Assert.Empty(empty.Definition.SetPropertyNames(empty));

        // Setting one property makes exactly its own field set: the field table reads that property, under the name the
        // property declares.
        var properties = InstanceProperties(type).Where(property => property.CanWrite && !property.IsDefined(typeof(JsonIgnoreAttribute))).ToArray();
        Assert.NotEmpty(properties);
        Assert.All(properties, property =>
        {
            var request = (KlingTaskRequest)Activator.CreateInstance(type)!;
            property.SetValue(request, SampleValue(property.PropertyType));
            Assert.Equal([property.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name], request.Definition.SetPropertyNames(request));
        });
    }

    /// <summary>A non-null value of a request property's type.</summary>
    private static object SampleValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "x",
            _ when type == typeof(Uri) => new Uri("https://example.com/x"),
            _ when type == typeof(KlingImage) => KlingImage.FromUrl(new Uri("https://example.com/x.png")),
            _ when type == typeof(KlingAudio) => KlingAudio.FromUrl(new Uri("https://example.com/x.mp3")),
            _ when type == typeof(double) => 1.0,
            _ when type == typeof(int) => 1,
            _ when type == typeof(long) => 1L,
            _ when type == typeof(bool) => true,
            _ when type == typeof(TimeSpan) => TimeSpan.FromSeconds(5),
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => Array.CreateInstance(type.GetGenericArguments()[0], 0),
            { IsValueType: true } => Activator.CreateInstance(type, "x")!, // an extensible string
            _ => Activator.CreateInstance(type)!,
        };
    }

    private static ImageToVideoRequest FullyPopulatedRequest() => new()
    {
        Image = KlingImage.FromUrl(new Uri("https://example.com/first.png")),
        ImageTail = KlingImage.FromUrl(new Uri("https://example.com/last.png")),
        Prompt = "a cat walks",
        NegativePrompt = "blur",
        ModelName = KlingModel.KlingV16,
        Mode = KlingMode.Pro,
        Duration = KlingDuration.Ten,
        CfgScale = 0.5,
        StaticMask = KlingImage.FromBase64("c3RhdGlj"),
        DynamicMasks = [new KlingDynamicMask { Mask = KlingImage.FromBase64("ZHluYW1pYw=="), Trajectories = [new(1, 2), new(3, 4)] }],
        CameraControl = new KlingCameraControl
        {
            Type = KlingCameraControlType.Simple,
            Config = new KlingCameraConfig { Horizontal = 1, Vertical = 2, Pan = 3, Tilt = 4, Roll = 5, Zoom = 6 },
        },
        CallbackUrl = new Uri("https://example.com/callback"),
        ExternalTaskId = "my-task-1",
        Sound = KlingSound.On,
        Voices = [new KlingVoice { VoiceId = "voice-1" }],
        Elements = [new KlingElement { ElementId = 42 }],
        MultiShot = true,
        ShotType = KlingShotType.Customize,
        Shots = [new KlingShot { Index = 1, Prompt = "shot one", Duration = KlingDuration.Five }],
        WatermarkInfo = new KlingWatermarkInfo { Enabled = true },
        AdditionalProperties = new Dictionary<string, JsonNode?>(),
    };

    private static void AssertKeys(Type type, JsonObject json) =>
        Assert.Equal(WireNames(type), json.Select(pair => pair.Key).Order());

    private static IEnumerable<string> WireNames(Type type) => InstanceProperties(type)
        .Select(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
        .OfType<string>()
        .Order();

    /// <summary>
    /// The classes a request is built from: <see cref="ImageToVideoRequest"/> and every library class its properties reach
    /// (through nullables and lists). Value types are left out: they are built with constructors (e.g.
    /// <c>new KlingTrajectoryPoint(x, y)</c>) or conversions, which any C# version can call.
    /// </summary>
    private static HashSet<Type> RequestModelTypes()
    {
        var found = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(ImageToVideoRequest)]);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Push(argument);
                }

                continue;
            }

            if (type.Assembly != Library || type.IsValueType || !found.Add(type))
            {
                continue;
            }

            foreach (var property in InstanceProperties(type))
            {
                pending.Push(property.PropertyType);
            }
        }

        return found;
    }

    private static IEnumerable<PropertyInfo> InstanceProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetIndexParameters().Length == 0);

    private static bool HasJsonAttribute(PropertyInfo property) =>
        property.GetCustomAttributes().Any(attribute => attribute.GetType().Namespace == "System.Text.Json.Serialization");

    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$") is not null // record class
        || (type.IsValueType && type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null); // record struct

    /// <summary>
    /// An abstract class no other assembly can make a concrete type of: it has an abstract member only this assembly can
    /// override (a record's copy constructor is protected, so its constructors alone do not close it).
    /// </summary>
    private static bool IsClosedBase(Type type) =>
        type.IsClass && type.IsAbstract && !type.IsSealed
        && type.GetMethods(BindingFlags.NonPublic | BindingFlags.Instance)
            .Any(method => method.IsAbstract && (method.IsAssembly || method.IsFamilyAndAssembly));

    private static bool IsInitOnly(PropertyInfo property) =>
        property.SetMethod?.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)) == true;

    private static bool IsAsyncReturnType(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>)));

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
