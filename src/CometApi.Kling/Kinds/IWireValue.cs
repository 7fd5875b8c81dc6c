using System.Text.Json;
using CometApi.Kling.Images;

namespace CometApi.Kling.Kinds;

/// <summary>
/// How a value sent to Kling is written, and which local media it holds: a string, a number, an image, an object
/// (<see cref="WireObject{T}"/>) or a list of any of these (<see cref="ListValue{TItem}"/>). Fields and lists write
/// their values through it, so each shape is written in one place.
/// </summary>
/// <typeparam name="TValue">The value's type.</typeparam>
internal interface IWireValue<TValue>
{
    /// <summary>Whether a value of this shape can hold an image or audio, at any depth.</summary>
    bool MayHoldMedia { get; }

    /// <summary>Whether <paramref name="value"/> holds local data to stream (allocates nothing: asked on every create).</summary>
    bool HasLocalMedia(TValue value);

    /// <summary>Writes a value that holds no local data.</summary>
    void Write(Utf8JsonWriter writer, TValue value);

    /// <summary>
    /// Writes a value that holds local data up to each local medium, whose source is yielded where its value goes, for
    /// the caller to write there (raw base64, streamed).
    /// </summary>
    IEnumerable<ImageSource> WriteParts(Utf8JsonWriter writer, TValue value);

    /// <summary>The local media of <paramref name="value"/> (only asked when <see cref="HasLocalMedia"/> is true).</summary>
    IEnumerable<ILocalMedia> LocalMedia(TValue value);

    /// <summary>Releases what the call owned for each local medium (temporary copies, streams); allocates nothing.</summary>
    void ReleaseAfterCall(TValue value);
}
