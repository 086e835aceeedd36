using System.Text;
using OpteNic.Engine.Layers;
using OpteNic.Engine.Ports;

namespace OpteNic.Engine.Tests;

/// <summary>Renders the whole port state for assertion messages.</summary>
public static class PortDump
{
    public static string Render(Port port)
    {
        var text = new StringBuilder();
        text.AppendLine($"port {port.Name} state {port.State} epoch {port.Epoch}");
        foreach ((string name, long value) in PortStatistics.Snapshot(port))
        {
            if (value != 0)
            {
                text.AppendLine($"  {name} = {value}");
            }
        }

        text.AppendLine(PortDumps.DumpUft(port).ToString());
        text.AppendLine(PortDumps.DumpTcpFlows(port).ToString());
        foreach (Layer layer in port.Layers)
        {
            text.AppendLine(PortDumps.DumpLayer(port, layer.Name)!.ToString());
        }

        return text.ToString();
    }
}
