using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// A kind's own checks of a create body, read straight from the JSON. Returns the first problem worded as the service
/// words a code-1201 message, or null with the fields the engine needs to make the task.
/// </summary>
internal delegate string? CreateChecker(JsonElement body, EmulatorSettings settings, out CreateFields? fields);
