namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingModel"/> as its wire string, keeping unknown values.</summary>
internal sealed class KlingModelJsonConverter : ExtensibleStringJsonConverter<KlingModel>
{
    protected override KlingModel FromWire(string value) => new(value);
}
