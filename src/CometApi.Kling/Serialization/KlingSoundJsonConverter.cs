namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingSound"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingSoundJsonConverter : ExtensibleStringJsonConverter<KlingSound>
{
    /// <inheritdoc/>
    protected override KlingSound Create(string value) => new(value);
}
