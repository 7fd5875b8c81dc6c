namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// One kind of task the emulator serves, as data: its route under the host's prefix (<c>/kling/v1/</c> or <c>/v1/</c>), its own create checker and the
/// media a succeeded task yields. The life cycle, envelope, lookups, paging, faults and callbacks are the same for
/// every kind, so they live in the engine and not here.
/// </summary>
internal sealed class TaskKind
{
    public TaskKind(string route, CreateChecker check, ResultMedia media, TaskInfoWriter? writeTaskInfo = null)
    {
        Route = route;
        Check = check;
        Media = media;
        WriteTaskInfo = writeTaskInfo;
    }

    /// <summary>The route as Kling names it, e.g. <c>videos/image2video</c>: create is a POST to it, queries are GETs on it.</summary>
    public string Route { get; }

    public CreateChecker Check { get; }

    public ResultMedia Media { get; }

    /// <summary>The kind's own <c>task_info</c> properties in a task answer and callback, or null when it has none.</summary>
    public TaskInfoWriter? WriteTaskInfo { get; }
}
