using OpteNic.Packets.Headers;
using OpteNic.Packets.Parsing;

namespace OpteNic.Vpc;

/// <summary>Sizes and settings of one VPC port beyond its VPC configuration.</summary>
public sealed record VpcPortOptions
{
    /// <summary>Port MTU, advertised in router advertisements and used for the MSS option.</summary>
    public int Mtu { get; init; } = 1500;

    /// <summary>UFT entries per direction.</summary>
    public int UftLimit { get; init; } = 8192;

    /// <summary>Tracked TCP flows.</summary>
    public int TcpLimit { get; init; } = 8192;

    /// <summary>LFT pairs per layer (and NAT descriptors).</summary>
    public int LayerFlowLimit { get; init; } = 8192;

    /// <summary>How inbound frames are parsed (encapsulated from the underlay in production).</summary>
    public ParseMode InboundParseMode { get; init; } = ParseMode.Inbound;

    /// <summary>Replication mode put in the Multicast option of outbound multicast.</summary>
    public MulticastReplication MulticastReplication { get; init; } = MulticastReplication.Underlay;
}
