namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingEffectScene"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingEffectSceneJsonConverter : ExtensibleStringJsonConverter<KlingEffectScene>
{
    /// <inheritdoc/>
    protected override KlingEffectScene Create(string value) => new(value);
}
