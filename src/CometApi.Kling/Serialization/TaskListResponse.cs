using System.Text.Json.Serialization;

namespace CometApi.Kling.Serialization;

/// <summary>
/// One page of the list endpoint (<c>{code, message, request_id, data: [...]}</c>), a wire-only envelope:
/// <see cref="KlingClient.ListTasksAsync"/> hands out each task as a <see cref="TaskResponse"/> carrying the page's
/// request id and message.
/// </summary>
internal sealed record TaskListResponse : WireEnvelope, IKlingEnvelope
{
    private readonly IReadOnlyList<TaskData> _data = [];

    /// <summary>The tasks on this page (<c>data</c>), newest first as the service orders them; never null.</summary>
    [JsonPropertyName("data")]
    public IReadOnlyList<TaskData> Data
    {
        get => _data;

        // A gateway written in Go sends an empty page as "data": null; the generated reader passes null for a missing field.
        init => _data = value ?? [];
    }

    /// <inheritdoc/>
    bool IKlingEnvelope.HasData => true;
}
