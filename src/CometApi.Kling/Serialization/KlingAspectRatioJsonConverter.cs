namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingAspectRatio"/> as its wire string, keeping unknown values.</summary>
internal sealed class KlingAspectRatioJsonConverter : ExtensibleStringJsonConverter<KlingAspectRatio>
{
    protected override KlingAspectRatio FromWire(string value) => new(value);
}
