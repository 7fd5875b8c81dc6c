using System.Buffers.Binary;

namespace CometApi.Kling.Cli;

/// <summary>Reads <c>--audio</c>: an http(s) URL is sent as a link, anything else is a local file (as <see cref="ImageArgument"/> does for images).</summary>
internal static class AudioArgument
{
    public static KlingAudio? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return IsUrl(value, out var url) ? KlingAudio.FromUrl(url) : KlingAudio.FromFile(value);
    }

    /// <summary>
    /// How long a local WAV file plays, from its header (data size ÷ byte rate); null for a URL, another format or a file
    /// that cannot be read (the SDK's validation then reports it). Lets a command default to the whole audio.
    /// </summary>
    public static TimeSpan? WavLength(string? value)
    {
        if (value is null || IsUrl(value, out _))
        {
            return null;
        }

        try
        {
            using var file = File.OpenRead(value);
            var header = new byte[12];
            if (file.Read(header, 0, 12) < 12 || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8) || !header.AsSpan(8, 4).SequenceEqual("WAVE"u8))
            {
                return null;
            }

            uint byteRate = 0;
            var chunk = new byte[16];
            for (var guard = 0; guard < 64 && file.Read(chunk, 0, 8) == 8; guard++)
            {
                var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4, 4));
                if (chunk.AsSpan(0, 4).SequenceEqual("data"u8))
                {
                    return byteRate == 0 ? null : TimeSpan.FromSeconds((double)size / byteRate);
                }

                var next = file.Position + size + (size & 1);
                if (chunk.AsSpan(0, 4).SequenceEqual("fmt "u8) && file.Read(chunk, 0, 16) == 16)
                {
                    byteRate = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(8, 4));
                }

                file.Position = next;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }

        return null;
    }

    private static bool IsUrl(string value, out Uri url) =>
        Uri.TryCreate(value, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
}
