using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CometApi.Kling.Kinds;

namespace CometApi.Kling;

/// <summary>
/// The body of a task-creating request of any kind (<see cref="ImageToVideoRequest"/>, <see cref="TextToVideoRequest"/>,
/// …). Its <see cref="Kind"/> decides the route; <see cref="KlingClient.GenerateAsync"/> takes any of them. Only this SDK
/// defines kinds. Every property left <see langword="null"/> is omitted from the request, so the service applies its own
/// default.
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

    /// <summary>
    /// Where the service POSTs the task each time its status changes (<c>callback_url</c>): an absolute http or https URL
    /// (<see cref="KlingCallback"/> reads what it sends).
    /// </summary>
    [JsonPropertyName("callback_url")]
    public Uri? CallbackUrl { get; set; }

    /// <summary>
    /// Extra body fields written as they are after the typed ones, for fields released after this SDK (e.g.
    /// <c>["aspect_ratio"] = "16:9"</c> on a kind that does not type it). A key may not repeat a typed property that is set.
    /// </summary>
    [JsonIgnore]
    public IDictionary<string, JsonNode?>? AdditionalProperties { get; set; }

    /// <summary>The kind's rules, route and body writer.</summary>
    internal abstract KlingTaskDefinition Definition { get; }
}
