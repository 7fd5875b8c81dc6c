namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingAspectRatio"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingAspectRatioJsonConverter : ExtensibleStringJsonConverter<KlingAspectRatio>
{
    /// <inheritdoc/>
    protected override KlingAspectRatio Create(string value) => new(value);
}
