namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingDuration"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingDurationJsonConverter : ExtensibleStringJsonConverter<KlingDuration>
{
    /// <inheritdoc/>
    protected override KlingDuration Create(string value) => new(value);
}
