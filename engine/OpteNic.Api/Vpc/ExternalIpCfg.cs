using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// A guest's external addresses for one family. Wire form: snat (Option), ephemeral_ip (Option), floating_ips (Vec).
/// </summary>
/// <typeparam name="TAddr"><see cref="Net.Ipv4Addr"/> or <see cref="Net.Ipv6Addr"/>.</typeparam>
/// <param name="Snat">Shared source NAT, used when no 1:1 address applies.</param>
/// <param name="EphemeralIp">A 1:1 address owned by this guest, preferred over SNAT.</param>
/// <param name="FloatingIps">1:1 addresses that may move between guests; preferred over the ephemeral one.</param>
public sealed record ExternalIpCfg<TAddr>(SNatCfg<TAddr>? Snat, TAddr? EphemeralIp, ValueArray<TAddr> FloatingIps)
    : IPostcardSerializable<ExternalIpCfg<TAddr>>
    where TAddr : struct, IPostcardSerializable<TAddr>
{
    /// <summary>No external connectivity.</summary>
    public static ExternalIpCfg<TAddr> None { get; } = new(null, null, []);

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteOption(Snat);
        writer.WriteOption(EphemeralIp);
        writer.WriteSequence(FloatingIps);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out ExternalIpCfg<TAddr> value)
    {
        value = null;
        if (!reader.TryReadOption(out SNatCfg<TAddr>? snat) || !reader.TryReadOptionValue(out TAddr? ephemeral) ||
            !reader.TryReadSequence(out ValueArray<TAddr> floating, 4))
        {
            return false;
        }

        value = new ExternalIpCfg<TAddr>(snat, ephemeral, floating);
        return true;
    }
}
