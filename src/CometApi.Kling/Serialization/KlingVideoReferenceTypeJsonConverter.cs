namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingVideoReferenceType"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingVideoReferenceTypeJsonConverter : ExtensibleStringJsonConverter<KlingVideoReferenceType>
{
    /// <inheritdoc/>
    protected override KlingVideoReferenceType Create(string value) => new(value);
}
