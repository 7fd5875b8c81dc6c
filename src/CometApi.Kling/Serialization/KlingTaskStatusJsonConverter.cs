namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingTaskStatus"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingTaskStatusJsonConverter : ExtensibleStringJsonConverter<KlingTaskStatus>
{
    /// <inheritdoc/>
    protected override KlingTaskStatus Create(string value) => new(value);
}
