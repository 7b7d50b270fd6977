namespace TlsServer.HelpBuilder;

// The parsed content of one cmdlet help file; paragraphs are plain strings.
internal sealed record CommandHelp(
    string Name,
    string SourcePath,
    string OnlineVersion,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<SyntaxSet> SyntaxSets,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<LinkHelp> Links);

// One "### SetName" under SYNTAX; Parameters in the order the code block shows them.
internal sealed record SyntaxSet(string Name, bool IsDefault, IReadOnlyList<SyntaxParameter> Parameters, int Line)
{
    public IEnumerable<string> ParameterNames => Parameters.Select(p => p.Name);
}

internal sealed record ParameterHelp(
    string Name,
    IReadOnlyList<string> Description,
    IReadOnlyList<ParameterBlock> Blocks,
    int Line)
{
    public ParameterBlock? BlockFor(string setName) => Blocks.FirstOrDefault(b => b.AppliesTo(setName));
}

// One ```yaml block of a parameter; an empty Sets list means "(All)".
internal sealed record ParameterBlock(
    string Type,
    IReadOnlyList<string> Sets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position,
    string DefaultValue,
    string PipelineInput,
    bool Globbing,
    int Line)
{
    public bool AppliesToAll => Sets.Count == 0;

    public bool AppliesTo(string setName) =>
        AppliesToAll || Sets.Contains(setName, StringComparer.OrdinalIgnoreCase);

    public bool IsSwitch => Type is "SwitchParameter" or "System.Management.Automation.SwitchParameter";

    public bool IsArray => Type.EndsWith("[]", StringComparison.Ordinal);
}

internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

internal sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

internal sealed record LinkHelp(string Text, string Uri);
