namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingShotType"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingShotTypeJsonConverter : ExtensibleStringJsonConverter<KlingShotType>
{
    /// <inheritdoc/>
    protected override KlingShotType Create(string value) => new(value);
}
