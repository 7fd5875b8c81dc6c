namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// One file a succeeded task serves, at <c>/emulator/{Folder}/{Name}</c> with no key needed (result URLs are public,
/// as Kling's CDN links are).
/// </summary>
/// <param name="Folder">The URL's folder, e.g. <c>videos</c>.</param>
/// <param name="Name">The file name, which starts with the task id, e.g. <c>{task_id}-0.png</c>.</param>
/// <param name="ContentType">The media type it is served with.</param>
/// <param name="Content">The bytes (an embedded resource, shared by every task).</param>
internal sealed record ResultFile(string Folder, string Name, string ContentType, byte[] Content);
