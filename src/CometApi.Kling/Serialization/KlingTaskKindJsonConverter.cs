namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingTaskKind"/> as its route, keeping unknown values.</summary>
internal sealed class KlingTaskKindJsonConverter : ExtensibleStringJsonConverter<KlingTaskKind>
{
    protected override KlingTaskKind FromWire(string value) => new(value);
}
