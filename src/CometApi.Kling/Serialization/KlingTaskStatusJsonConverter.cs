namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingTaskStatus"/> as its wire string, keeping unknown values.</summary>
internal sealed class KlingTaskStatusJsonConverter : ExtensibleStringJsonConverter<KlingTaskStatus>
{
    protected override KlingTaskStatus FromWire(string value) => new(value);
}
