using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>A compiled doc block: its errors, or its assembly and symbols; and what was added around it.</summary>
/// <param name="Block">The block.</param>
/// <param name="Errors">The compiler's errors, located in the markdown (empty when it compiled).</param>
/// <param name="Assembly">The program, when it compiled.</param>
/// <param name="Symbols">Its portable PDB, so a failure's stack trace names the markdown line.</param>
/// <param name="Ambient">The ambient names the block was given.</param>
/// <param name="AddedUsings">The usings added for names found only in a known namespace.</param>
internal sealed record DocCompilation(
    DocBlock Block, ImmutableArray<Diagnostic> Errors, byte[]? Assembly, byte[]? Symbols, IReadOnlyList<string> Ambient, IReadOnlyList<string> AddedUsings)
{
    /// <summary>What the block was given besides its own text, for messages.</summary>
    public string Wrapping =>
        $"ambient values: {(Ambient.Count == 0 ? "none" : string.Join(", ", Ambient))}; usings added: {(AddedUsings.Count == 0 ? "none" : string.Join(", ", AddedUsings))}";

    /// <summary>Every error as <c>file(line,column): error CSxxxx: message</c>, one per line.</summary>
    public string ErrorList => string.Join('\n', Errors.Select(error => "  " + error.ToString()));
}
