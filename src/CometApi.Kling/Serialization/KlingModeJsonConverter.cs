namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingMode"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingModeJsonConverter : ExtensibleStringJsonConverter<KlingMode>
{
    /// <inheritdoc/>
    protected override KlingMode Create(string value) => new(value);
}
