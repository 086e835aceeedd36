using System.Runtime.InteropServices;
using OpteNic.Packets.Headers;

namespace OpteNic.Packets.Parsing;

/// <summary>
/// The outer-header part of a <see cref="ParsedPacket"/>, kept together so a compiled push can set all of it with one
/// block copy of a view precomputed at UFT insert, and a pop can clear it with one block store. Offsets and lengths are
/// 16-bit (an outer stack is at most a few hundred bytes), which keeps the block small.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OuterHeaderView
{
    public IpAddr IpSrc;
    public IpAddr IpDst;
    public MacAddress EtherSrc;
    public MacAddress EtherDst;
    public GeneveOptions GeneveOptions;
    public uint GeneveVni;
    public ushort EtherOffset;
    public ushort EtherLength;
    public ushort IpOffset;
    public ushort IpLength;
    public ushort UdpOffset;
    public ushort UdpSrcPort;
    public ushort GeneveOffset;
    public ushort GeneveLength;
    public byte IpVersion;
    public bool IsEncapsulated;
}
