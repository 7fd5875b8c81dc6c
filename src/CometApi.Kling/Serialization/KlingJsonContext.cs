using System.Text.Json;
using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// The one source-generated JSON context of the SDK: no reflection serialization anywhere, so the library is trim and
/// AOT safe. Keep in sync: every type read or written on the wire has a <see cref="JsonSerializableAttribute"/> here.
/// Every <see cref="JsonExtensionDataAttribute"/> property needs a <c>set</c> accessor: with <c>init</c> the generated
/// code treats it as a constructor parameter and every read throws; a get-only one is silently never filled.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(TaskListResponse))]
[JsonSerializable(typeof(TaskData))]
[JsonSerializable(typeof(ImageToVideoRequest))]
[JsonSerializable(typeof(IReadOnlyList<TaskData>))]
[JsonSerializable(typeof(ExternalIdTaskResponse))]
internal sealed partial class KlingJsonContext : JsonSerializerContext;
