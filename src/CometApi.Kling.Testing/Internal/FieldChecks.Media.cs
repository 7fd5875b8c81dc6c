using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace CometApi.Kling.Testing.Internal;

/// <summary>
/// The media fields: an image or an audio file sent as a public URL (never fetched) or raw base64. Inline data is
/// decoded: a client that sends a <c>data:</c> URI, another format or a file over the limit must be caught here.
/// </summary>
internal static partial class FieldChecks
{
    private const int MaxImageBytes = 10 * 1024 * 1024;
    private const int MaxAudioBytes = 5 * 1024 * 1024;
    private const int MinImageSide = 300;
    private const double MaxAspectRatio = 2.5;

    public static string? CheckImage(string field, JsonElement? value, EmulatorSettings settings, bool isFrame, bool checkAspectRatio)
    {
        var problem = ReadInline(field, value, "data:image/png;base64,", out var bytes, out var length);
        if (problem is not null || bytes is null || !settings.ValidateImageContent)
        {
            return problem;
        }

        if (length > MaxImageBytes)
        {
            return $"invalid {field}: the image is {length} bytes, more than 10 MB";
        }

        if (ImageHeader.Read(bytes.AsSpan(0, length)) is not { } header)
        {
            return $"invalid {field}: only JPG, JPEG and PNG images are supported";
        }

        if (!isFrame)
        {
            return null;
        }

        if (header.Width == 0 || header.Height == 0)
        {
            return $"invalid {field}: the {header.Format} image is damaged (its size cannot be read)";
        }

        if (header.Width < MinImageSide || header.Height < MinImageSide)
        {
            return FormattableString.Invariant($"invalid {field}: the image is {header.Width}x{header.Height} px, each side must be at least {MinImageSide} px");
        }

        var ratio = (double)header.Width / header.Height;
        return checkAspectRatio && (ratio > MaxAspectRatio || ratio < 1 / MaxAspectRatio)
            ? FormattableString.Invariant($"invalid {field}: the aspect ratio {header.Width}:{header.Height} is outside 1:2.5 to 2.5:1")
            : null;
    }

    /// <summary>An object's required image (<c>image</c> of an image_list item, <c>mask</c> of a dynamic mask…).</summary>
    public static string? CheckRequiredImage(JsonElement item, string property, string field, EmulatorSettings settings, bool isFrame = true) =>
        Get(item, property) is { } image
            ? CheckImage($"{field}.{property}", image, settings, isFrame, checkAspectRatio: isFrame)
            : $"invalid {field}.{property}: required";

    /// <summary>
    /// An audio field (<c>sound_file</c> of the avatar and lip-sync routes, kling-catalogue §3.4 and §3.7): an MP3, WAV,
    /// M4A or AAC file of at most 5 MB; a WAV's length is read from its header and must lie in the route's range. Inline
    /// audio is always decoded: it is small.
    /// </summary>
    public static string? CheckSoundFile(string field, JsonElement? value, double minSeconds, double maxSeconds)
    {
        var problem = ReadInline(field, value, "data:audio/mpeg;base64,", out var bytes, out var length);
        if (problem is not null || bytes is null)
        {
            return problem;
        }

        if (length > MaxAudioBytes)
        {
            return $"invalid {field}: the audio is {length} bytes, more than 5 MB";
        }

        var audio = bytes.AsSpan(0, length);
        if (!IsKnownAudioFormat(audio))
        {
            return $"invalid {field}: only mp3, wav, m4a and aac audio is supported";
        }

        return WavSeconds(audio) is { } seconds && (seconds < minSeconds || seconds > maxSeconds)
            ? string.Create(CultureInfo.InvariantCulture, $"invalid {field}: the audio lasts {seconds:0.##} s, it must last {minSeconds} to {maxSeconds} s")
            : null;
    }

    /// <summary>An audio id names an audio Kling made: a non-empty string.</summary>
    public static string? CheckAudioId(JsonElement? value, string field) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text when !string.IsNullOrWhiteSpace(text.GetString()) => null,
        { ValueKind: JsonValueKind.String } => $"invalid {field}: empty",
        _ => $"invalid {field}: must be a string",
    };

    /// <summary>
    /// A media value as a public URL (checked only for being one; <paramref name="bytes"/> stays null) or raw base64,
    /// decoded into <paramref name="bytes"/>. <paramref name="prefixExample"/> is the data-URI prefix the message names.
    /// </summary>
    private static string? ReadInline(string field, JsonElement? value, string prefixExample, out byte[]? bytes, out int length)
    {
        (bytes, length) = (null, 0);
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
            return $"invalid {field}: send the raw base64 string without a prefix such as {prefixExample}";
        }

        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // The service would download it; the emulator only checks that it could.
            return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Host.Length > 0 ? null : $"invalid {field}: not a valid URL";
        }

        var decoded = new byte[(text.Length / 4 * 3) + 3];
        if (!Convert.TryFromBase64String(text, decoded, out length))
        {
            return $"invalid {field}: neither an http(s) URL nor valid base64";
        }

        bytes = decoded;
        return null;
    }

    private static bool IsKnownAudioFormat(ReadOnlySpan<byte> audio) =>
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
