namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingSound"/> as its wire string, keeping unknown values.</summary>
internal sealed class KlingSoundJsonConverter : ExtensibleStringJsonConverter<KlingSound>
{
    protected override KlingSound FromWire(string value) => new(value);
}
