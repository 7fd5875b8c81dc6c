namespace CometApi.Kling.Validation;

/// <summary>The sets of accepted wire values in the limits: made, copied and shown alike.</summary>
internal static class LimitSets
{
    /// <summary>A set compared as sent (ordinal), as every wire value is.</summary>
    public static HashSet<string> Of(params string[] values) => new(values, StringComparer.Ordinal);

    /// <summary>An independent copy keeping the set's comparer; called only after the limits' problems found no null set.</summary>
    public static HashSet<string> Copy(ISet<string> set) =>
        new(set, set is HashSet<string> hashSet ? hashSet.Comparer : StringComparer.Ordinal);

    /// <summary>The values for <c>ToString()</c>, or <c>null</c>.</summary>
    public static string Join(ISet<string>? values) => values is null ? "null" : string.Join(", ", values);

    /// <summary>The problem of each check that failed, in order: how every group of limits says why it cannot be used.</summary>
    public static IEnumerable<string> Problems(params (bool Ok, string Problem)[] checks) =>
        checks.Where(check => !check.Ok).Select(check => check.Problem);
}
