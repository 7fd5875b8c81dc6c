namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingModel"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingModelJsonConverter : ExtensibleStringJsonConverter<KlingModel>
{
    /// <inheritdoc/>
    protected override KlingModel Create(string value) => new(value);
}
