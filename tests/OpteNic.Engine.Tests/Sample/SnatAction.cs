using OpteNic.Engine.Actions;
using OpteNic.Engine.Metadata;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>
/// A stateful SNAT-like action for tests and benchmarks: a preallocated descriptor pool and a port pool that hands out
/// the highest free port first. Outbound TCP/UDP only; exhaustion denies. With <c>addresses</c> &gt; 1 the IPv4 pool
/// spans consecutive external addresses (so benchmarks can map a million flows).
/// </summary>
public sealed class SnatAction : StatefulAction
{
    private readonly Stack<SnatDescriptor> _free;
    private readonly int[] _ports;
    private int _portCount;

    public SnatAction(IpAddr externalIp, IpAddr externalIp6, ushort firstPort, ushort lastPort, int addresses = 1)
    {
        ExternalIp4 = externalIp;
        ExternalIp6 = externalIp6;
        int perAddress = lastPort - firstPort + 1;
        int count = perAddress * addresses;
        _free = new Stack<SnatDescriptor>(count);
        _ports = new int[count];
        for (int i = 0; i < count; i++)
        {
            _free.Push(new SnatDescriptor(this));
            // Ascending port within each address: the top of the stack is the highest port of the last address.
            _ports[i] = ((i / perAddress) << 16) | (firstPort + (i % perAddress));
        }

        _portCount = count;
    }

    public IpAddr ExternalIp4 { get; set; }
    public IpAddr ExternalIp6 { get; set; }
    public int FreePorts => _portCount;

    public IpAddr ExternalIpFor(IpAddr privateIp) => privateIp.IsIpv4 ? ExternalIp4 : ExternalIp6;

    public bool Owns(IpAddr external) => external.IsIpv4 ? external.Ipv4 - ExternalIp4.Ipv4 < (uint)(_ports.Length / 65536 + 1) : external == ExternalIp6;

    public override bool TryGenerateDescriptor(Direction direction, in ParsedPacket packet, in InnerFlowId flow,
        ref PacketMetadata metadata, Moment now, out ActionDescriptor? descriptor)
    {
        descriptor = null;
        if (direction != Direction.Outbound || !(packet.IsTcp || packet.IsUdp) || _portCount == 0 || _free.Count == 0)
        {
            return false;
        }

        SnatDescriptor d = _free.Pop();
        d.PrivateIp = flow.Src;
        d.PrivatePort = flow.SrcPort;
        int mapping = _ports[--_portCount];
        IpAddr external = ExternalIpFor(flow.Src);
        d.ExternalIp = external.IsIpv4 ? IpAddr.FromIpv4(external.Ipv4 + (uint)(mapping >> 16)) : external;
        d.ExternalPort = (ushort)mapping;
        d.Mapping = mapping;
        d.InUse = true;
        descriptor = d;
        return true;
    }

    internal void Return(SnatDescriptor descriptor)
    {
        if (!descriptor.InUse)
        {
            return;
        }

        descriptor.InUse = false;
        _ports[_portCount++] = descriptor.Mapping;
        _free.Push(descriptor);
    }
}
