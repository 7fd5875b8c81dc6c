namespace CometApi.Kling.Validation;

/// <summary>Counts text the way the SDK documents it: in Unicode scalar values, so a surrogate pair (an emoji) is one character.</summary>
internal static class UnicodeText
{
    /// <summary>The number of Unicode scalar values; an unpaired surrogate counts as one and its index is returned.</summary>
    public static int CountScalars(string text, out int unpairedSurrogateIndex)
    {
        unpairedSurrogateIndex = -1;
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            count++;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) && unpairedSurrogateIndex < 0)
            {
                unpairedSurrogateIndex = i;
            }
        }

        return count;
    }

    /// <summary>The index of the first control character (U+0000–U+001F, U+007F–U+009F), or -1.</summary>
    public static int IndexOfControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
