namespace CometApi.Kling.Testing;

/// <summary>
/// The emulator's endpoints, used to aim faults and to classify <see cref="KlingEmulator.Requests"/>. Every route of
/// <see cref="KlingEmulator.Routes"/> (e.g. <c>videos/image2video</c>, <c>videos/text2video</c>) has the first four; the
/// route a request was on is <see cref="KlingEmulatorRequest.Route"/>, and call numbers count every route together.
/// The paths below are CometAPI's; on the official host (<see cref="KlingEmulatorOptions.Host"/>) they start with
/// <c>/v1/</c> instead of <c>/kling/v1/</c>.
/// </summary>
public enum KlingEmulatorEndpoint
{
    /// <summary>Anything else: unknown paths and methods (answered 404, code 1202).</summary>
    Other = 0,

    /// <summary><c>POST /kling/v1/{route}</c>: create a task.</summary>
    Create,

    /// <summary>
    /// <c>GET /kling/v1/{route}/{task_id}</c>: query a task of that route by the service's id (on the official host, the
    /// path may carry the <c>external_task_id</c> instead).
    /// </summary>
    Query,

    /// <summary><c>GET /kling/v1/{route}?external_task_id=...</c>: query a task of that route by your own id.</summary>
    QueryByExternalId,

    /// <summary><c>GET /kling/v1/{route}?pageNum=&amp;pageSize=</c>: list that route's tasks, newest first.</summary>
    List,

    /// <summary><c>GET /emulator/videos/{task_id}.mp4</c>: download a result video (no key needed).</summary>
    Video,

    /// <summary>Only for <see cref="KlingEmulatorFaults.Add"/>: every request, counted across all endpoints.</summary>
    Any,
}
