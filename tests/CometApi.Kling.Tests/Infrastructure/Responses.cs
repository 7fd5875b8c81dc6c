namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>Literal response bodies, as documented by CometAPI and Kling.</summary>
internal static class Responses
{
    /// <summary>CometAPI's documented create answer: lowercase "success", no request_id.</summary>
    public const string Created = """
        {"code":0,"message":"success","data":{"task_id":"2032273942220931072","task_status":"submitted","task_info":{},"created_at":1773366840306,"updated_at":1773366840306}}
        """;

    public static string Task(string taskId, string status = "processing") =>
        "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"9ab376fc-9059-487f-9e2a-c9c89f1a344f\",\"data\":{\"task_id\":\"" + taskId
        + "\",\"task_info\":{},\"created_at\":1777385361501,\"updated_at\":1777385363321,\"task_result\":{},\"task_status\":\"" + status + "\"}}";

    public static string Page(int firstId, int count) =>
        "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r\",\"data\":["
        + string.Join(",", Enumerable.Range(firstId, count).Select(id => $"{{\"task_id\":\"{id}\",\"task_status\":\"succeed\",\"created_at\":1,\"updated_at\":2}}"))
        + "]}";
}
