namespace TlsServer.HelpBuilder;

// Cross-checks SYNTAX against PARAMETERS so the two can never drift apart silently.
internal static class SyntaxCheck
{
    public static void Run(IReadOnlyList<SyntaxSet> sets, IReadOnlyList<ParameterHelp> parameters, FileDiagnostics diag)
    {
        if (sets.Count == 0)
        {
            return;
        }

        if (sets.Count(s => s.IsDefault) > 1)
        {
            diag.Error(sets.Last(s => s.IsDefault).Line, "more than one parameter set is marked (Default)");
        }

        foreach (ParameterHelp p in parameters)
        {
            foreach (ParameterBlock b in p.Blocks)
            {
                foreach (string set in b.Sets.Where(s => !sets.Any(x => x.Name.Equals(s, StringComparison.OrdinalIgnoreCase))))
                {
                    diag.Error(b.Line, $"parameter -{p.Name} names set '{set}', which SYNTAX does not have");
                }
            }
        }

        foreach (SyntaxSet set in sets)
        {
            CheckSet(set, parameters, diag);
        }
    }

    private static void CheckSet(SyntaxSet set, IReadOnlyList<ParameterHelp> parameters, FileDiagnostics diag)
    {
        var shown = new HashSet<string>(set.ParameterNames, StringComparer.OrdinalIgnoreCase);
        foreach (string name in set.ParameterNames)
        {
            ParameterHelp? p = parameters.FirstOrDefault(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (p is null)
            {
                diag.Error(set.Line, $"syntax set '{set.Name}' shows -{name}, which PARAMETERS does not document");
            }
            else if (p.BlockFor(set.Name) is null)
            {
                diag.Error(set.Line, $"syntax set '{set.Name}' shows -{name}, but its yaml does not list that set");
            }
        }

        foreach (ParameterHelp p in parameters.Where(p => p.BlockFor(set.Name) is not null && !shown.Contains(p.Name)))
        {
            diag.Error(set.Line, $"-{p.Name} belongs to set '{set.Name}' but its syntax line does not show it");
        }

        foreach (var dup in set.ParameterNames.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            diag.Error(set.Line, $"syntax set '{set.Name}' shows -{dup.Key} twice");
        }
    }
}
