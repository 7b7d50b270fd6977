using System.Management.Automation.Runspaces;

namespace TlsServer.Host;

/// <summary>Turns -File arguments into parameters as pwsh does: "-Name value", "-Name:value", "-Switch", positional.</summary>
internal static class ScriptArguments
{
    public static List<CommandParameter> Convert(IEnumerable<string> args)
    {
        var result = new List<CommandParameter>();
        string? pending = null;
        foreach (string arg in args)
        {
            if (pending != null)
            {
                result.Add(new CommandParameter(pending, arg));
                pending = null;
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                int colon = arg.IndexOf(':');
                // Names keep their dash: the binder then treats them as typed tokens ("-Port" takes the next argument).
                if (colon < 0) result.Add(new CommandParameter(arg));
                else if (colon == arg.Length - 1) pending = arg[..colon];
                else result.Add(new CommandParameter(arg[..colon], BoolOrString(arg[(colon + 1)..])));
            }
            else
            {
                result.Add(new CommandParameter(null, arg));
            }
        }
        if (pending != null) result.Add(new CommandParameter(pending + ":"));
        return result;
    }

    /// <summary>"-Switch:$false" must bind a bool.</summary>
    private static object BoolOrString(string value) =>
        bool.TryParse(value.TrimStart('$'), out bool b) ? b : value;
}
