namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingImageReference"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingImageReferenceJsonConverter : ExtensibleStringJsonConverter<KlingImageReference>
{
    /// <inheritdoc/>
    protected override KlingImageReference Create(string value) => new(value);
}
