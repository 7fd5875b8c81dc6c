namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingVideoReferType"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingVideoReferTypeJsonConverter : ExtensibleStringJsonConverter<KlingVideoReferType>
{
    /// <inheritdoc/>
    protected override KlingVideoReferType Create(string value) => new(value);
}
