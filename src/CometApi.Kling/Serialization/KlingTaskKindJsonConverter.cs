namespace CometApi.Kling.Serialization;

/// <summary>Writes <see cref="KlingTaskKind"/> as its short name (its <c>ToString()</c>, e.g. <c>"text2video"</c>) and reads a name or a route, as earlier versions wrote it.</summary>
internal sealed class KlingTaskKindJsonConverter : ExtensibleStringJsonConverter<KlingTaskKind>
{
    /// <inheritdoc/>
    protected override KlingTaskKind Create(string value) => new(value);
}
