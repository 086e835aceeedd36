using OpteNic.Engine.Actions;
using OpteNic.Packets;
using OpteNic.Packets.Transforms;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>One SNAT mapping (private ip:port ↔ external ip:port), pooled by <see cref="SnatAction"/>.</summary>
public sealed class SnatDescriptor : ActionDescriptor
{
    private readonly SnatAction _owner;

    internal SnatDescriptor(SnatAction owner) => _owner = owner;

    public IpAddr PrivateIp { get; internal set; }
    public ushort PrivatePort { get; internal set; }
    public IpAddr ExternalIp { get; internal set; }
    public ushort ExternalPort { get; internal set; }
    public bool InUse { get; internal set; }
    internal int Mapping { get; set; }
    public int Releases { get; private set; }

    public override HeaderTransform GenerateTransform(Direction direction, in InnerFlowId flow) =>
        direction == Direction.Outbound
            ? new HeaderTransform { InnerIp = IpTransform.Modify(src: ExternalIp), InnerUlp = UlpTransform.Modify(srcPort: ExternalPort) }
            : new HeaderTransform { InnerIp = IpTransform.Modify(dst: PrivateIp), InnerUlp = UlpTransform.Modify(dstPort: PrivatePort) };

    public override bool IsValid() => _owner.Owns(ExternalIp);

    public override void Release()
    {
        Releases++;
        _owner.Return(this);
    }

    public override string ToString() => $"SNAT {PrivateIp}:{PrivatePort} ↔ {ExternalIp}:{ExternalPort}";
}
