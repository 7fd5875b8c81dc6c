using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Emit;

namespace CometApi.Kling.Docs.Tests.Infrastructure;

/// <summary>
/// Compiles a doc block in memory as a reader's program: the block is the top-level statements of its own program,
/// with the usings a reader's project has without writing them (the implicit usings of an ASP.NET Core project and
/// the SDK's namespaces), a using an IDE would add for a name found only in a known namespace (e.g.
/// <c>Microsoft.Extensions.AI</c> for <c>IImageGenerator</c>), and a declaration for each ambient name it uses
/// (<see cref="DocAmbient.Names"/>). <c>#line</c> directives map every diagnostic and stack frame to the markdown's
/// file and line.
/// </summary>
internal static class DocCompiler
{
    /// <summary>The implicit usings of a Microsoft.NET.Sdk.Web project (a console project has the first seven).</summary>
    private static readonly string[] ProjectUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks", "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    /// <summary>Namespaces whose using a reader adds when the block names one of their types or extension methods.</summary>
    private static readonly string[] AddableUsings =
    [
        "Microsoft.Extensions.AI", "System.Drawing", "System.Net", "System.Text", "System.Text.Json", "System.Text.Json.Serialization", "System.Diagnostics",
        "System.Globalization", "Microsoft.Extensions.Options", "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Time.Testing", "Xunit",
    ];

    /// <summary>"The type or namespace name could not be found", "The name does not exist", "no definition or extension method".</summary>
    private static readonly string[] MissingNameErrors = ["CS0246", "CS0103", "CS1061"];

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    // The SDK's public namespaces, read from its assemblies so that a namespace made internal needs no edit here.
    private static readonly Lazy<string[]> SdkUsings = new(() =>
        new[] { "CometApi.Kling", "CometApi.Kling.Testing", "CometApi.Kling.AspNetCore", "CometApi.Kling.Extensions.AI" }
            .SelectMany(name => System.Reflection.Assembly.Load(name).GetExportedTypes())
            .Select(type => type.Namespace!)
            .Where(name => name.StartsWith("CometApi.Kling", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray());

    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.ConsoleApplication)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithOptimizationLevel(OptimizationLevel.Debug)
        // What docs/extensions-ai.md tells readers to add: IImageGenerator is experimental in Microsoft.Extensions.AI.
        .WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>("MEAI001", ReportDiagnostic.Suppress)]);

    public static DocCompilation Compile(DocBlock block)
    {
        var parsed = CSharpSyntaxTree.ParseText(block.Code, ParseOptions).GetCompilationUnitRoot();
        var ambient = AmbientNames(block, parsed);
        var usings = ProjectUsings.Concat(SdkUsings.Value).ToList();
        var compilation = Create(block, parsed, ambient, usings);
        var missing = MissingNames(compilation);
        var added = AddableUsings.Where(name => missing.Any(missingName => Provides(compilation, name, missingName))).ToList();
        if (added.Count > 0)
        {
            compilation = Create(block, parsed, ambient, [.. usings, .. added]);
        }

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        if (!errors.IsEmpty)
        {
            return new DocCompilation(block, errors, null, null, [.. ambient.Select(a => a.Name)], added);
        }

        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        return new DocCompilation(
            block, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray(), pe.ToArray(), pdb.ToArray(),
            [.. ambient.Select(a => a.Name)], added);
    }

    /// <summary>The ambient names the block uses without declaring them (a declared name is the block's own).</summary>
    private static List<(string Name, string Expression)> AmbientNames(DocBlock block, CompilationUnitSyntax parsed)
    {
        var used = parsed.DescendantNodes().OfType<IdentifierNameSyntax>().Select(name => name.Identifier.ValueText).ToHashSet(StringComparer.Ordinal);
        var declared = parsed.DescendantNodes().Select(node => node switch
        {
            VariableDeclaratorSyntax variable => variable.Identifier.ValueText,
            SingleVariableDesignationSyntax designation => designation.Identifier.ValueText,
            ForEachStatementSyntax loop => loop.Identifier.ValueText,
            ParameterSyntax parameter => parameter.Identifier.ValueText,
            LocalFunctionStatementSyntax function => function.Identifier.ValueText,
            CatchDeclarationSyntax caught => caught.Identifier.ValueText,
            _ => null,
        }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return DocAmbient.Names
            .Where(entry => used.Contains(entry.Name) && !declared.Contains(entry.Name) && (entry.File is null || entry.File == block.File))
            .GroupBy(entry => entry.Name, StringComparer.Ordinal)
            .Select(group => group.OrderBy(entry => entry.File is null).First())   // the file's own entry wins
            .Select(entry => (entry.Name, entry.Expression))
            .ToList();
    }

    private static CSharpCompilation Create(DocBlock block, CompilationUnitSyntax parsed, List<(string Name, string Expression)> ambient, List<string> usings)
    {
        var implicitUsings = CSharpSyntaxTree.ParseText(string.Concat(usings.Select(name => $"global using {name};\n")), ParseOptions, "(implicit usings).cs", Encoding.UTF8);
        var program = CSharpSyntaxTree.ParseText(Program(block, parsed, ambient), ParseOptions, block.File, Encoding.UTF8);
        return CSharpCompilation.Create($"DocBlock_{block.File.Replace('/', '_').Replace('.', '_')}_{block.Line}", [implicitUsings, program], References.Value, Options);
    }

    /// <summary>
    /// The block's own usings first (C# wants them before any statement), then the ambient declarations, then the rest
    /// of the block, each part under a <c>#line</c> that names its markdown line.
    /// </summary>
    private static string Program(DocBlock block, CompilationUnitSyntax parsed, List<(string Name, string Expression)> ambient)
    {
        var lines = block.Code.Split('\n');
        var usingLines = new HashSet<int>();
        var text = new StringBuilder();
        foreach (var directive in parsed.Usings)
        {
            var span = directive.GetLocation().GetLineSpan();
            text.Append(FormattableString.Invariant($"#line {block.FirstCodeLine + span.StartLinePosition.Line} \"{block.File}\"\n"));
            for (var line = span.StartLinePosition.Line; line <= span.EndLinePosition.Line; line++)
            {
                text.Append(lines[line]).Append('\n');
                usingLines.Add(line);
            }
        }

        text.Append("#line 1 \"(ambient values)\"\n");
        foreach (var (name, expression) in ambient)
        {
            text.Append(FormattableString.Invariant($"var {name} = {expression};\n"));
        }

        text.Append(FormattableString.Invariant($"#line {block.FirstCodeLine} \"{block.File}\"\n"));
        for (var line = 0; line < lines.Length; line++)
        {
            text.Append(usingLines.Contains(line) ? string.Empty : lines[line]).Append('\n');
        }

        return text.ToString();
    }

    private static List<string> MissingNames(CSharpCompilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => MissingNameErrors.Contains(d.Id) && d.Location.SourceTree is not null)
            .Select(d => d.Location.SourceTree!.GetRoot().FindToken(d.Location.SourceSpan.Start).ValueText)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether a using of <paramref name="namespaceName"/> brings <paramref name="name"/>: a type, an attribute or an extension method.</summary>
    private static bool Provides(CSharpCompilation compilation, string namespaceName, string name)
    {
        INamespaceSymbol? space = compilation.GlobalNamespace;
        foreach (var part in namespaceName.Split('.'))
        {
            space = space?.GetNamespaceMembers().FirstOrDefault(member => member.Name == part);
        }

        return space is not null && space.GetTypeMembers().Any(type =>
            type.DeclaredAccessibility == Accessibility.Public
            && (type.Name == name || type.Name == name + "Attribute"
                || (type.IsStatic && type.GetMembers(name).Any(member => member is IMethodSymbol { IsExtensionMethod: true }))));
    }
}
