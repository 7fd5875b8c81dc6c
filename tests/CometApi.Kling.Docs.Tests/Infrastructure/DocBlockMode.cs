namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>What the docs test does with a block; the marker <c>&lt;!-- snippet: ... --&gt;</c> on the line above the fence chooses.</summary>
internal enum DocBlockMode
{
    /// <summary>No marker: compiled and run against the emulator.</summary>
    Run,

    /// <summary><c>&lt;!-- snippet: compile-only: reason --&gt;</c>: compiled, not run (e.g. it needs a live request).</summary>
    CompileOnly,

    /// <summary><c>&lt;!-- snippet: skip: reason --&gt;</c>: a deliberate fragment, neither compiled nor run.</summary>
    Skip,
}
