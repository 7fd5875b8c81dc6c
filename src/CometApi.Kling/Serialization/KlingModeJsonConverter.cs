namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingMode"/> as its wire string, keeping unknown values.</summary>
internal sealed class KlingModeJsonConverter : ExtensibleStringJsonConverter<KlingMode>
{
    protected override KlingMode FromWire(string value) => new(value);
}
