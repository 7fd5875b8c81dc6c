namespace CometApi.Kling.Serialization;

/// <summary>Reads and writes <see cref="KlingTaskKind"/> as its wire string, as its <c>[JsonConverter]</c> attribute says.</summary>
internal sealed class KlingTaskKindJsonConverter : ExtensibleStringJsonConverter<KlingTaskKind>
{
    /// <inheritdoc/>
    protected override KlingTaskKind Create(string value) => new(value);
}
