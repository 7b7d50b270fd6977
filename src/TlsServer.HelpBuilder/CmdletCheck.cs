using System.Management.Automation;

namespace TlsServer.HelpBuilder;

// Checks a help file's SYNTAX and parameter yaml against the cmdlet as Get-Command shows it: the drift PlatyPS's
// Update-MarkdownHelp would rewrite (a parameter added in code and not in docs/en-US, a changed type, set,
// position, mandatory flag, pipeline input, alias or accepted value) fails the build instead.
internal static class CmdletCheck
{
    public static void Run(CommandHelp help, CmdletInfo cmdlet, FileDiagnostics diag)
    {
        int line = help.SyntaxSets.Count > 0 ? help.SyntaxSets[0].Line : 1;
        var sets = cmdlet.ParameterSets;
        foreach (SyntaxSet doc in help.SyntaxSets.Where(d => !sets.Any(s => Same(s.Name, d.Name))))
        {
            diag.Error(doc.Line, $"syntax set '{doc.Name}' is not a parameter set of {cmdlet.Name} ({string.Join(", ", sets.Select(s => s.Name))})");
        }

        foreach (CommandParameterSetInfo set in sets)
        {
            SyntaxSet? doc = help.SyntaxSets.FirstOrDefault(d => Same(d.Name, set.Name));
            if (doc is null)
            {
                diag.Error(line, $"SYNTAX lacks {cmdlet.Name}'s parameter set '{set.Name}'");
                continue;
            }

            if (sets.Count > 1 && doc.IsDefault != set.IsDefault)
            {
                diag.Error(doc.Line, set.IsDefault
                    ? $"syntax set '{set.Name}' is the cmdlet's default: mark it '(Default)'"
                    : $"syntax set '{set.Name}' is marked (Default), but the cmdlet's default set is '{sets.First(s => s.IsDefault).Name}'");
            }

            CheckSet(help, set, doc, diag);
        }

        var names = new HashSet<string>(cmdlet.Parameters.Keys, StringComparer.OrdinalIgnoreCase);
        foreach (ParameterHelp p in help.Parameters.Where(p => !names.Contains(p.Name)))
        {
            diag.Error(p.Line, $"-{p.Name} is documented, but {cmdlet.Name} has no such parameter");
        }
    }

    private static void CheckSet(CommandHelp help, CommandParameterSetInfo set, SyntaxSet doc, FileDiagnostics diag)
    {
        var parameters = set.Parameters.Where(p => !Cmdlet.CommonParameters.Contains(p.Name)).ToList();
        foreach (SyntaxParameter shown in doc.Parameters.Where(s => !parameters.Any(p => Same(p.Name, s.Name))))
        {
            diag.Error(doc.Line, $"syntax set '{set.Name}' shows -{shown.Name}, which that parameter set does not have");
        }

        foreach (CommandParameterInfo p in parameters)
        {
            SyntaxParameter? shown = doc.Parameters.FirstOrDefault(s => Same(s.Name, p.Name));
            if (shown is null)
            {
                diag.Error(doc.Line, $"syntax set '{set.Name}' lacks {Expected(p)}, which the cmdlet has");
            }
            else if (shown.Optional == p.IsMandatory || shown.Positional != (p.Position >= 0) || shown.TypeName != SyntaxType(p))
            {
                diag.Error(doc.Line, $"syntax set '{set.Name}' shows -{p.Name} as {Shape(p.Name, shown.Optional, shown.Positional, shown.TypeName)}; the cmdlet has {Expected(p)}");
            }

            ParameterHelp? documented = help.Parameters.FirstOrDefault(d => Same(d.Name, p.Name));
            ParameterBlock? block = documented?.BlockFor(set.Name);
            if (documented is null)
            {
                diag.Error(doc.Line, $"-{p.Name} of parameter set '{set.Name}' has no '### -{p.Name}' under PARAMETERS");
            }
            else if (block is null)
            {
                diag.Error(documented.Line, $"the yaml of -{p.Name} does not list parameter set '{set.Name}', which has it");
            }
            else
            {
                CheckBlock(p, set.Name, block, diag);
            }
        }
    }

    private static void CheckBlock(CommandParameterInfo p, string set, ParameterBlock block, FileDiagnostics diag)
    {
        void Differs(string key, string documented, string actual) =>
            diag.Error(block.Line, $"-{p.Name} in set '{set}': '{key}: {documented}' but the cmdlet has '{actual}'");

        if (!TypeNames(p.ParameterType).Contains(block.Type))
        {
            Differs("Type", block.Type, TypeName(p.ParameterType));
        }

        if (block.Required != p.IsMandatory)
        {
            Differs("Required", block.Required.ToString(), p.IsMandatory.ToString());
        }

        string position = p.Position >= 0 ? p.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named";
        if (block.Position != position)
        {
            Differs("Position", block.Position, position == "named" ? "Named" : position);
        }

        string pipeline = PipelineInput(p);
        if (Normalize(block.PipelineInput) != Normalize(pipeline))
        {
            Differs("Accept pipeline input", block.PipelineInput, pipeline);
        }

        if (!SameSet(block.Aliases, p.Aliases))
        {
            Differs("Aliases", string.Join(", ", block.Aliases), string.Join(", ", p.Aliases));
        }

        IReadOnlyList<string> accepted = AcceptedValues(p);
        if (!SameSet(block.AcceptedValues, accepted))
        {
            Differs("Accepted values", string.Join(", ", block.AcceptedValues), string.Join(", ", accepted));
        }

        bool globbing = p.Attributes.OfType<SupportsWildcardsAttribute>().Any();
        if (block.Globbing != globbing)
        {
            Differs("Accept wildcard characters", block.Globbing.ToString(), globbing.ToString());
        }
    }

    // ValidateSet values, or the names of an enum type, as PlatyPS writes them.
    private static IReadOnlyList<string> AcceptedValues(CommandParameterInfo p)
    {
        ValidateSetAttribute? set = p.Attributes.OfType<ValidateSetAttribute>().FirstOrDefault();
        if (set is not null)
        {
            return set.ValidValues.ToList();
        }

        Type type = p.ParameterType.IsArray ? p.ParameterType.GetElementType()! : p.ParameterType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsEnum ? Enum.GetNames(type) : Array.Empty<string>();
    }

    private static string PipelineInput(CommandParameterInfo p) => (p.ValueFromPipeline, p.ValueFromPipelineByPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };

    private static string Normalize(string pipeline) => pipeline.Replace(" ", string.Empty).ToUpperInvariant();

    private static string? SyntaxType(CommandParameterInfo p) =>
        p.ParameterType == typeof(SwitchParameter) ? null : TypeName(p.ParameterType);

    // The short name, as Get-Command -Syntax shows it ("Session[]", "Int32"; a Nullable<T> as T).
    private static string TypeName(Type type) => (Nullable.GetUnderlyingType(type) ?? type).Name;

    // The short name or the full name ("System.Int32", as PlatyPS's -UseFullTypeName writes it).
    private static string[] TypeNames(Type type)
    {
        Type shown = Nullable.GetUnderlyingType(type) ?? type;
        return new[] { shown.Name, shown.FullName ?? shown.Name };
    }

    private static string Expected(CommandParameterInfo p) => Shape(p.Name, !p.IsMandatory, p.Position >= 0, SyntaxType(p));

    // The parameter as a syntax line writes it, e.g. "[[-Cipher] <String>]".
    private static string Shape(string parameter, bool optional, bool positional, string? type)
    {
        string name = positional ? $"[-{parameter}]" : $"-{parameter}";
        string text = type is null ? name : $"{name} <{type}>";
        return optional ? $"[{text}]" : text;
    }

    private static bool SameSet(IEnumerable<string> documented, IEnumerable<string> actual) =>
        new HashSet<string>(documented, StringComparer.OrdinalIgnoreCase).SetEquals(actual);

    private static bool Same(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);
}
