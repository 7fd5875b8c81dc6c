namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingCameraControlType"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingCameraControlTypeJsonConverter : ExtensibleStringJsonConverter<KlingCameraControlType>
{
    /// <inheritdoc/>
    protected override KlingCameraControlType Create(string value) => new(value);
}
