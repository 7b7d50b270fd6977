using System.Collections.ObjectModel;
using System.Management.Automation.Host;

namespace TlsServer.Host;

/// <summary>A plain-text PromptForChoice: "[Y] Yes  [N] No  (default is "Y"):".</summary>
internal static class ChoicePrompt
{
    public static int Ask(Collection<ChoiceDescription> choices, int defaultChoice, PSHostUserInterface ui)
    {
        var hotkeys = choices.Select(c => HotKey(c.Label)).ToArray();
        var labels = choices.Select(c => c.Label.Replace("&", "", StringComparison.Ordinal)).ToArray();
        string menu = string.Join("  ", hotkeys.Select((k, i) => $"[{k}] {labels[i]}"));
        string suffix = defaultChoice >= 0 && defaultChoice < choices.Count ? $" (default is \"{hotkeys[defaultChoice]}\")" : "";

        while (true)
        {
            ui.Write($"{menu}{suffix}: ");
            string answer = ui.ReadLine().Trim();
            if (answer.Length == 0 && suffix.Length > 0) return defaultChoice;
            for (int i = 0; i < choices.Count; i++)
            {
                if (answer.Equals(hotkeys[i], StringComparison.OrdinalIgnoreCase) ||
                    answer.Equals(labels[i], StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }
    }

    /// <summary>The character after '&amp;' in the label, else its first character.</summary>
    private static string HotKey(string label)
    {
        int amp = label.IndexOf('&');
        string key = amp >= 0 && amp + 1 < label.Length ? label[amp + 1].ToString() : label[..Math.Min(1, label.Length)];
        return key.ToUpperInvariant();
    }
}
