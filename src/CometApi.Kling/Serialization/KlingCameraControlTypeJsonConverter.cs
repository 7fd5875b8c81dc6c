namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingCameraControlType"/> as its wire string, keeping unknown values.</summary>
internal sealed class KlingCameraControlTypeJsonConverter : ExtensibleStringJsonConverter<KlingCameraControlType>
{
    protected override KlingCameraControlType FromWire(string value) => new(value);
}
