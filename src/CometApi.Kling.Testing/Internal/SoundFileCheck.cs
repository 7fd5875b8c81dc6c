using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The server-side check of an audio field (<c>sound_file</c> of the avatar and lip-sync routes, kling-catalogue §3.4 and
/// §3.7): a public URL (never fetched) or raw base64 of an MP3, WAV, M4A or AAC file of at most 5 MB; a WAV's length is
/// read from its header and must lie in the route's range. Inline audio is always decoded: it is small, and a client
/// that sends a <c>data:</c> URI or another format must be caught here.
/// </summary>
internal static class SoundFileCheck
{
    private const int MaxAudioBytes = 5 * 1024 * 1024;

    public static string? Check(string field, JsonElement? value, double minSeconds, double maxSeconds)
    {
        if (value is not { } element)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return $"invalid {field}: must be a string, a public URL or raw base64";
        }

        var text = element.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return $"invalid {field}: empty";
        }

        if (text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return $"invalid {field}: send the raw base64 string without a prefix such as data:audio/mpeg;base64,";
        }

        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Host.Length > 0 ? null : $"invalid {field}: not a valid URL";
        }

        var bytes = new byte[(text.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            return $"invalid {field}: neither an http(s) URL nor valid base64";
        }

        if (length > MaxAudioBytes)
        {
            return $"invalid {field}: the audio is {length} bytes, more than 5 MB";
        }

        var audio = bytes.AsSpan(0, length);
        if (!IsKnownFormat(audio))
        {
            return $"invalid {field}: only mp3, wav, m4a and aac audio is supported";
        }

        return WavSeconds(audio) is { } seconds && (seconds < minSeconds || seconds > maxSeconds)
            ? string.Create(CultureInfo.InvariantCulture, $"invalid {field}: the audio lasts {seconds:0.##} s, it must last {minSeconds} to {maxSeconds} s")
            : null;
    }

    private static bool IsKnownFormat(ReadOnlySpan<byte> audio) =>
        (audio.Length >= 12 && audio[..4].SequenceEqual("RIFF"u8) && audio[8..12].SequenceEqual("WAVE"u8))
        || (audio.Length >= 3 && audio[..3].SequenceEqual("ID3"u8))
        || (audio.Length >= 2 && audio[0] == 0xFF && (audio[1] & 0xE0) == 0xE0)
        || (audio.Length >= 8 && audio[4..8].SequenceEqual("ftyp"u8));

    /// <summary>A WAV's length from its fmt byte rate and data size; null for other formats or an unreadable header.</summary>
    private static double? WavSeconds(ReadOnlySpan<byte> audio)
    {
        if (audio.Length < 12 || !audio[..4].SequenceEqual("RIFF"u8))
        {
            return null;
        }

        long offset = 12;
        uint byteRate = 0;
        while (offset + 8 <= audio.Length)
        {
            var at = (int)offset;
            var id = audio.Slice(at, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(audio.Slice(at + 4, 4));
            if (id.SequenceEqual("fmt "u8) && at + 20 <= audio.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(audio.Slice(at + 16, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                return byteRate == 0 ? null : (double)size / byteRate;
            }

            // Chunks are padded to an even size.
            offset += 8L + size + (size & 1);
        }

        return null;
    }
}
