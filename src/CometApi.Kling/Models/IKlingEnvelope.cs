namespace CometApi.Kling;

/// <summary>The envelope every Kling response shares: <c>{code, message, request_id, data}</c>.</summary>
internal interface IKlingEnvelope
{
    int Code { get; }

    string? Message { get; }

    string? RequestId { get; }

    /// <summary>Whether <c>data</c> holds what the call promised (a task id, a list).</summary>
    bool HasData { get; }
}
