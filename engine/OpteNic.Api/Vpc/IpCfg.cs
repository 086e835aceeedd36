using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// Which IP families a port has. Wire form: enum <c>Ipv4(Ipv4Cfg) = 0, Ipv6(Ipv6Cfg) = 1,
/// DualStack { ipv4, ipv6 } = 2</c>.
/// </summary>
public abstract record IpCfg : IPostcardSerializable<IpCfg>
{
    private IpCfg()
    {
    }

    /// <summary>The IPv4 configuration, or null for an IPv6-only port.</summary>
    public abstract Ipv4Cfg? Ipv4Config { get; }

    /// <summary>The IPv6 configuration, or null for an IPv4-only port.</summary>
    public abstract Ipv6Cfg? Ipv6Config { get; }

    /// <summary>IPv4 only (0).</summary>
    public sealed record Ipv4(Ipv4Cfg Config) : IpCfg
    {
        public override Ipv4Cfg? Ipv4Config => Config;
        public override Ipv6Cfg? Ipv6Config => null;
    }

    /// <summary>IPv6 only (1).</summary>
    public sealed record Ipv6(Ipv6Cfg Config) : IpCfg
    {
        public override Ipv4Cfg? Ipv4Config => null;
        public override Ipv6Cfg? Ipv6Config => Config;
    }

    /// <summary>Both families (2).</summary>
    public sealed record DualStack(Ipv4Cfg V4, Ipv6Cfg V6) : IpCfg
    {
        public override Ipv4Cfg? Ipv4Config => V4;
        public override Ipv6Cfg? Ipv6Config => V6;
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        switch (this)
        {
            case Ipv4 v4:
                writer.WriteVariant(0);
                v4.Config.Write(ref writer);
                break;
            case Ipv6 v6:
                writer.WriteVariant(1);
                v6.Config.Write(ref writer);
                break;
            case DualStack dual:
                writer.WriteVariant(2);
                dual.V4.Write(ref writer);
                dual.V6.Write(ref writer);
                break;
        }
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out IpCfg value)
    {
        value = null;
        if (!reader.TryReadVariant(3, nameof(IpCfg), out uint variant))
        {
            return false;
        }

        switch (variant)
        {
            case 0 when reader.TryRead(out Ipv4Cfg v4):
                value = new Ipv4(v4);
                break;
            case 1 when reader.TryRead(out Ipv6Cfg v6):
                value = new Ipv6(v6);
                break;
            case 2 when reader.TryRead(out Ipv4Cfg v4) && reader.TryRead(out Ipv6Cfg v6):
                value = new DualStack(v4, v6);
                break;
        }

        return value is not null;
    }
}
