using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// Writes a kind's own properties of <c>task_info</c> in a task answer (the caller writes the braces and
/// <c>external_task_id</c>), e.g. <c>parent_video</c> for a video extension.
/// </summary>
internal delegate void TaskInfoWriter(Utf8JsonWriter writer, EmulatedTask task, Uri baseAddress);
