using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// The one source-generated JSON context of the SDK: no reflection serialization anywhere, so the library is trim and
/// AOT safe. Keep in sync: every type read or written on the wire has a <see cref="JsonSerializableAttribute"/> here.
/// Every <see cref="JsonExtensionDataAttribute"/> property needs a <c>set</c> accessor: with <c>init</c> the generated
/// code treats it as a constructor parameter and every read throws; a get-only one is silently never filled.
/// Public through <see cref="KlingJson"/>: every model a user may store is reachable from a type listed here. The
/// converters the models' <see cref="JsonConverterAttribute"/>s name are internal, so this context is the only one that
/// can generate the models' metadata; a user's own context joins it through <see cref="KlingJson.TypeInfoResolver"/>.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(TaskListResponse))]
[JsonSerializable(typeof(TaskData))]
[JsonSerializable(typeof(NewStandardTaskObject))]
[JsonSerializable(typeof(ImageToVideoRequest))]
[JsonSerializable(typeof(IReadOnlyList<TaskData>))]
[JsonSerializable(typeof(ExternalIdTaskResponse))]
[JsonSerializable(typeof(KlingTaskStatus))]
[JsonSerializable(typeof(KlingModel))]
[JsonSerializable(typeof(KlingMode))]
[JsonSerializable(typeof(KlingDuration))]
[JsonSerializable(typeof(KlingSound))]
[JsonSerializable(typeof(KlingShotType))]
[JsonSerializable(typeof(KlingCameraControlType))]
[JsonSerializable(typeof(KlingTaskKind))]
[JsonSerializable(typeof(KlingAspectRatio))]
[JsonSerializable(typeof(KlingTaskHandle))]
[JsonSerializable(typeof(TextToVideoRequest))]
[JsonSerializable(typeof(MultiImageToVideoRequest))]
[JsonSerializable(typeof(EffectsRequest))]
[JsonSerializable(typeof(KlingEffectScene))]
[JsonSerializable(typeof(ImageGenerationRequest))]
[JsonSerializable(typeof(VirtualTryOnRequest))]
[JsonSerializable(typeof(KlingImageReference))]
[JsonSerializable(typeof(KlingImageResolution))]
[JsonSerializable(typeof(VideoExtendRequest))]
[JsonSerializable(typeof(OmniVideoRequest))]
[JsonSerializable(typeof(KlingOmniImageType))]
[JsonSerializable(typeof(KlingVideoReferenceType))]
[JsonSerializable(typeof(TextToAudioRequest))]
[JsonSerializable(typeof(VideoToAudioRequest))]
[JsonSerializable(typeof(AvatarRequest))]
[JsonSerializable(typeof(LipSyncRequest))]
[JsonSerializable(typeof(KlingFaceIdentification))]
[JsonSerializable(typeof(IdentifyFacesResponse))]
internal sealed partial class KlingJsonContext : JsonSerializerContext;
