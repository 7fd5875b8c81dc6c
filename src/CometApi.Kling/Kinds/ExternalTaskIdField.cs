using System.Text.Json;

namespace CometApi.Kling.Kinds;

/// <summary>
/// <c>external_task_id</c>: the request's own id, or the one the client chose for this create (written instead, so the
/// request need not be copied). A kind whose table has this field is one whose route takes the id.
/// </summary>
internal sealed class ExternalTaskIdField<T> : WireField<T, string>
{
    private readonly Func<T, string?> _get;

    public ExternalTaskIdField(Func<T, string?> get)
        : base("external_task_id", WireValues.Text) => _get = get;

    /// <summary>The id the request sets itself, if any.</summary>
    public string? Value(T owner) => _get(owner);

    public override void Write(Utf8JsonWriter writer, T owner, string? externalTaskId)
    {
        if ((externalTaskId ?? _get(owner)) is { } id)
        {
            writer.WriteString(EncodedName, id);
        }
    }

    protected override bool TryGet(T owner, out string value) => (value = _get(owner)!) is not null;
}
