namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingOmniImageType"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingOmniImageTypeJsonConverter : ExtensibleStringJsonConverter<KlingOmniImageType>
{
    /// <inheritdoc/>
    protected override KlingOmniImageType Create(string value) => new(value);
}
