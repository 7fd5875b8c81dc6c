namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingShotType"/> as its wire string, keeping unknown values.</summary>
internal sealed class KlingShotTypeJsonConverter : ExtensibleStringJsonConverter<KlingShotType>
{
    protected override KlingShotType FromWire(string value) => new(value);
}
