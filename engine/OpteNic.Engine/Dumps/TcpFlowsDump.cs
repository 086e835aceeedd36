using System.Text;

namespace OpteNic.Engine.Dumps;

/// <summary>dump-tcp-flows.</summary>
public sealed record TcpFlowsDump(int Count, int Limit, IReadOnlyList<TcpFlowDump> Flows)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"TCP flows: {Count}/{Limit}");
        foreach (TcpFlowDump f in Flows)
        {
            text.AppendLine($"  {f.Flow} {f.State} in {f.SegmentsIn} out {f.SegmentsOut}");
        }

        return text.ToString();
    }
}
