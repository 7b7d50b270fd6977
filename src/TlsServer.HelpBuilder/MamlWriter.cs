using System.Text;
using System.Xml;

namespace TlsServer.HelpBuilder;

// Writes CommandHelp objects as a PowerShell MAML help file (the *.dll-Help.xml that Get-Help reads).
internal static class MamlWriter
{
    private const string RootNs = "http://msh";
    private const string Maml = "http://schemas.microsoft.com/maml/2004/10";
    private const string Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private const string Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static byte[] Write(IEnumerable<CommandHelp> commands)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };

        using var stream = new MemoryStream();
        using (XmlWriter w = XmlWriter.Create(stream, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("helpItems", RootNs);
            w.WriteAttributeString("schema", "maml");
            foreach (CommandHelp c in commands)
            {
                WriteCommand(w, c);
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    private static void WriteCommand(XmlWriter w, CommandHelp c)
    {
        w.WriteStartElement("command", "command", Command);
        w.WriteAttributeString("xmlns", "maml", null, Maml);
        w.WriteAttributeString("xmlns", "command", null, Command);
        w.WriteAttributeString("xmlns", "dev", null, Dev);

        string[] verbNoun = c.Name.Split('-', 2);
        w.WriteStartElement("details", Command);
        w.WriteElementString("name", Command, c.Name);
        w.WriteElementString("verb", Command, verbNoun[0]);
        w.WriteElementString("noun", Command, verbNoun.Length > 1 ? verbNoun[1] : string.Empty);
        WriteParas(w, "description", Maml, new[] { c.Synopsis });
        w.WriteEndElement();

        WriteParas(w, "description", Maml, c.Description);
        WriteSyntax(w, c);
        WriteParameters(w, c);
        WriteTypes(w, "inputTypes", "inputType", c.Inputs);
        WriteTypes(w, "returnValues", "returnValue", c.Outputs);
        WriteNotes(w, c.Notes);
        WriteExamples(w, c.Examples);
        WriteLinks(w, c);
        w.WriteEndElement();
    }

    private static void WriteSyntax(XmlWriter w, CommandHelp c)
    {
        w.WriteStartElement("syntax", Command);
        foreach (SyntaxSet set in c.SyntaxSets)
        {
            w.WriteStartElement("syntaxItem", Command);
            w.WriteElementString("name", Maml, c.Name);
            foreach (string name in set.ParameterNames)
            {
                ParameterHelp p = c.Parameters.First(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                ParameterBlock b = p.BlockFor(set.Name)!;
                WriteParameter(w, p, b, required: b.Required, inSyntax: true);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    // One entry per parameter; "required" if it is mandatory in any set, position from its first block.
    private static void WriteParameters(XmlWriter w, CommandHelp c)
    {
        w.WriteStartElement("parameters", Command);
        foreach (ParameterHelp p in c.Parameters)
        {
            WriteParameter(w, p, p.Blocks[0], required: p.Blocks.Any(b => b.Required), inSyntax: false);
        }

        w.WriteEndElement();
    }

    private static void WriteParameter(XmlWriter w, ParameterHelp p, ParameterBlock b, bool required, bool inSyntax)
    {
        w.WriteStartElement("parameter", Command);
        w.WriteAttributeString("required", Bool(required));
        w.WriteAttributeString("variableLength", Bool(b.IsArray));
        w.WriteAttributeString("globbing", Bool(b.Globbing));
        w.WriteAttributeString("pipelineInput", b.PipelineInput);
        w.WriteAttributeString("position", b.Position);
        w.WriteAttributeString("aliases", b.Aliases.Count == 0 ? "none" : string.Join(", ", b.Aliases));
        w.WriteElementString("name", Maml, p.Name);
        WriteParas(w, "description", Maml, p.Description);

        if (b.AcceptedValues.Count > 0)
        {
            w.WriteStartElement("parameterValueGroup", Command);
            foreach (string v in b.AcceptedValues)
            {
                WriteParameterValue(w, v, required: false, variableLength: false);
            }

            w.WriteEndElement();
        }

        // A switch shows no value in SYNTAX; under PARAMETERS it reads "-Www [<SwitchParameter>]".
        if (!b.IsSwitch)
        {
            WriteParameterValue(w, b.Type, required: true, variableLength: b.IsArray);
        }
        else if (!inSyntax)
        {
            WriteParameterValue(w, b.Type, required: false, variableLength: false);
        }

        WriteType(w, b.Type);
        w.WriteElementString("defaultValue", Dev, b.DefaultValue);
        w.WriteEndElement();
    }

    private static void WriteParameterValue(XmlWriter w, string text, bool required, bool variableLength)
    {
        w.WriteStartElement("parameterValue", Command);
        w.WriteAttributeString("required", Bool(required));
        w.WriteAttributeString("variableLength", Bool(variableLength));
        w.WriteString(text);
        w.WriteEndElement();
    }

    private static void WriteTypes(XmlWriter w, string listName, string itemName, IReadOnlyList<TypeHelp> types)
    {
        if (types.Count == 0)
        {
            return;
        }

        w.WriteStartElement(listName, Command);
        foreach (TypeHelp t in types)
        {
            w.WriteStartElement(itemName, Command);
            WriteType(w, t.TypeName);
            WriteParas(w, "description", Maml, t.Description);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteType(XmlWriter w, string typeName)
    {
        w.WriteStartElement("type", Dev);
        w.WriteElementString("name", Maml, typeName);
        w.WriteElementString("uri", Maml, string.Empty);
        w.WriteEndElement();
    }

    private static void WriteNotes(XmlWriter w, IReadOnlyList<string> notes)
    {
        if (notes.Count == 0)
        {
            return;
        }

        w.WriteStartElement("alertSet", Maml);
        WriteParas(w, "alert", Maml, notes);
        w.WriteEndElement();
    }

    private static void WriteExamples(XmlWriter w, IReadOnlyList<ExampleHelp> examples)
    {
        w.WriteStartElement("examples", Command);
        foreach (ExampleHelp e in examples)
        {
            w.WriteStartElement("example", Command);
            w.WriteElementString("title", Maml, ExampleTitle(e.Title));
            w.WriteElementString("code", Dev, e.Code);
            if (e.Remarks.Count > 0)
            {
                WriteParas(w, "remarks", Dev, e.Remarks);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    // Get-Help -Online opens the first link with a uri, so only absolute web links get one.
    private static void WriteLinks(XmlWriter w, CommandHelp c)
    {
        var links = new List<LinkHelp>();
        if (c.OnlineVersion.Length > 0)
        {
            links.Add(new LinkHelp("Online Version:", c.OnlineVersion));
        }

        links.AddRange(c.Links);
        if (links.Count == 0)
        {
            return;
        }

        w.WriteStartElement("relatedLinks", Command);
        foreach (LinkHelp link in links)
        {
            w.WriteStartElement("navigationLink", Maml);
            w.WriteElementString("linkText", Maml, link.Text);
            w.WriteElementString("uri", Maml, IsWebUri(link.Uri) ? link.Uri : string.Empty);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteParas(XmlWriter w, string element, string ns, IEnumerable<string> paras)
    {
        w.WriteStartElement(element, ns);
        foreach (string para in paras)
        {
            w.WriteElementString("para", Maml, para);
        }

        w.WriteEndElement();
    }

    // "Example 1: Title" becomes "------- Example 1: Title -------", centred like Get-Help's own titles.
    private static string ExampleTitle(string title)
    {
        int dashes = Math.Max(3, (64 - title.Length - 2) / 2);
        string bar = new('-', dashes);
        return $"{bar} {title} {bar}";
    }

    private static bool IsWebUri(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out Uri? u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);

    private static string Bool(bool value) => value ? "true" : "false";
}
