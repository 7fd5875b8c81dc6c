namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingDuration"/> as its wire string, keeping unknown values.</summary>
internal sealed class KlingDurationJsonConverter : ExtensibleStringJsonConverter<KlingDuration>
{
    protected override KlingDuration FromWire(string value) => new(value);
}
