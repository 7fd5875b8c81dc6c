namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingImageResolution"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingImageResolutionJsonConverter : ExtensibleStringJsonConverter<KlingImageResolution>
{
    /// <inheritdoc/>
    protected override KlingImageResolution Create(string value) => new(value);
}
