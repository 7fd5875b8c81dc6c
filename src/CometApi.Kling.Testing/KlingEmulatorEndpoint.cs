namespace CometApi.Kling.Testing;

/// <summary>The emulator's endpoints, used to aim faults and to classify <see cref="KlingEmulator.Requests"/>.</summary>
public enum KlingEmulatorEndpoint
{
    /// <summary>Anything else: unknown paths and methods (answered 404, code 1202).</summary>
    Other = 0,

    /// <summary><c>POST /kling/v1/videos/image2video</c>: create a task.</summary>
    Create,

    /// <summary><c>GET /kling/v1/videos/image2video/{task_id}</c>: query a task by the service's id.</summary>
    Query,

    /// <summary><c>GET /kling/v1/videos/image2video?external_task_id=...</c>: query a task by your own id.</summary>
    QueryByExternalId,

    /// <summary><c>GET /kling/v1/videos/image2video?pageNum=&amp;pageSize=</c>: list tasks, newest first.</summary>
    List,

    /// <summary><c>GET /emulator/videos/{task_id}.mp4</c>: download a result video (no key needed).</summary>
    Video,

    /// <summary>Only for <see cref="KlingEmulatorFaults.Add"/>: every request, counted across all endpoints.</summary>
    Any,
}
