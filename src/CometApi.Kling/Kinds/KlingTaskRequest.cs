using System.Text.Json.Serialization;
using CometApi.Kling.Kinds;

namespace CometApi.Kling;

/// <summary>
/// The body of a task-creating request of any kind (<see cref="ImageToVideoRequest"/>, <see cref="TextToVideoRequest"/>,
/// …). Its <see cref="Kind"/> decides the route; <see cref="KlingClient.GenerateAsync"/> takes any of them. Only this SDK
/// defines kinds.
/// </summary>
public abstract record KlingTaskRequest
{
    // Only the SDK's own kinds derive from this record: each brings internal rules, a route and a body writer.
    private protected KlingTaskRequest()
    {
    }

    /// <summary>The kind of task this request creates.</summary>
    [JsonIgnore]
    public KlingTaskKind Kind => Definition.Kind;

    /// <summary>The kind's rules, route and body writer.</summary>
    internal abstract KlingTaskDefinition Definition { get; }
}
