using System.Globalization;
using System.Xml;

namespace Chatbot.Dialogs.Testing;

/// <summary>Writes a run as JUnit XML (one testsuite per file, one testcase per case) for CI dashboards.</summary>
public static class JUnitReport
{
    public static void Write(TestRunReport report, TextWriter output)
    {
        using var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false });
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "chatbot");
        xml.WriteAttributeString("tests", Count(report.Passed + report.Failed));
        xml.WriteAttributeString("failures", Count(report.Failed));
        foreach (var file in report.Files)
        {
            var fileBroken = file.Diagnostics.Count > 0;
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", file.Name);
            xml.WriteAttributeString("file", file.Path);
            xml.WriteAttributeString("tests", Count(file.Cases.Count + (fileBroken ? 1 : 0)));
            xml.WriteAttributeString("failures", Count(file.Cases.Count(c => !c.Passed) + (fileBroken ? 1 : 0)));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", "0");
            xml.WriteAttributeString("time", Seconds(file.Cases.Sum(c => c.Duration.TotalSeconds)));
            if (fileBroken)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("name", "(test file)");
                xml.WriteAttributeString("classname", file.Name);
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", file.Diagnostics[0].ToString());
                xml.WriteString(string.Join("\n", file.Diagnostics));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            foreach (var c in file.Cases)
            {
                xml.WriteStartElement("testcase");
                xml.WriteAttributeString("name", c.Name);
                xml.WriteAttributeString("classname", file.Name);
                xml.WriteAttributeString("time", Seconds(c.Duration.TotalSeconds));
                if (!c.Passed)
                {
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", c.Failures[0].ToString());
                    xml.WriteString(string.Join("\n", c.Failures) + "\n\ntranscript:\n" + string.Join("\n", c.Transcript));
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);
}
