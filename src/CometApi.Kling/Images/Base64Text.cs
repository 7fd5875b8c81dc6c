namespace CometApi.Kling.Images;

/// <summary>Checks and normalises base64 image text the way Kling wants it: raw standard base64, no <c>data:</c> prefix.</summary>
internal static class Base64Text
{
    private const string DataUriScheme = "data:";
    private const string Base64Marker = ";base64,";

    /// <summary>
    /// Strips a <c>data:...;base64,</c> prefix and whitespace (line breaks of MIME-style base64), then checks the text is
    /// standard, padded base64.
    /// </summary>
    /// <returns>The raw base64 text; the same instance when nothing had to be removed.</returns>
    /// <exception cref="ArgumentException">The text is empty or not valid base64; the message says where.</exception>
    public static string Normalize(string value, string paramName, string what = "image")
    {
        var raw = RemoveWhitespace(StripDataUriPrefix(value, paramName, what));
        if (raw.Length == 0)
        {
            throw new ArgumentException($"The base64 {what} text is empty.", paramName);
        }

        if (Problem(raw) is { } problem)
        {
            throw new ArgumentException($"The {what} text is not valid base64: {problem}.", paramName);
        }

        return raw;
    }

    /// <summary>The number of bytes the (valid, padded) base64 text decodes to.</summary>
    public static long DecodedLength(string base64)
    {
        var padding = base64.Length > 0 && base64[base64.Length - 1] == '=' ? (base64.Length > 1 && base64[base64.Length - 2] == '=' ? 2 : 1) : 0;
        return (base64.Length / 4 * 3L) - padding;
    }

    /// <summary>The number of base64 characters <paramref name="byteCount"/> bytes encode to, with padding.</summary>
    public static long EncodedLength(long byteCount) => (byteCount + 2) / 3 * 4;

    private static string? Problem(string text)
    {
        if (text.Length % 4 != 0)
        {
            return $"its length ({text.Length} characters) is not a multiple of 4 (is padding '=' missing?)";
        }

        var end = text.Length;
        if (text[end - 1] == '=')
        {
            end--;
            if (text[end - 1] == '=')
            {
                end--;
            }
        }

        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (c is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/'))
            {
                return c is '-' or '_'
                    ? $"the character '{c}' at index {i} belongs to URL-safe base64; convert it to standard base64 ('+' and '/')"
                    : c == '='
                        ? $"padding '=' appears at index {i}, before the end"
                        : $"the character {Describe(c)} at index {i} is not a base64 character";
            }
        }

        return null;
    }

    private static string Describe(char c) => c < ' ' || c > '~' ? $"U+{(int)c:X4}" : $"'{c}'";

    private static string StripDataUriPrefix(string value, string paramName, string what)
    {
        if (!value.StartsWith(DataUriScheme, StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var marker = value.IndexOf(Base64Marker, StringComparison.OrdinalIgnoreCase);
        if (marker < 0)
        {
            throw new ArgumentException($"The {what} is a data: URI that is not base64-encoded; pass raw base64 text.", paramName);
        }

        return value.Substring(marker + Base64Marker.Length);
    }

    private static string RemoveWhitespace(string value)
    {
        var first = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsWhiteSpace(value[i]))
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return value;
        }

        // Only line-wrapped base64 pays for the copy.
        var builder = new System.Text.StringBuilder(value.Length);
        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            if (!char.IsWhiteSpace(value[i]))
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }
}
