using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Vpc;

/// <summary>
/// Source NAT: the shared external IP and the inclusive port range this guest may use on it. Wire form: external_ip,
/// then the range as Rust's <c>RangeInclusive&lt;u16&gt;</c> serializes (start varint, end varint).
/// </summary>
/// <typeparam name="TAddr"><see cref="Net.Ipv4Addr"/> or <see cref="Net.Ipv6Addr"/>.</typeparam>
public sealed record SNatCfg<TAddr>(TAddr ExternalIp, ushort PortStart, ushort PortEnd)
    : IPostcardSerializable<SNatCfg<TAddr>>
    where TAddr : struct, IPostcardSerializable<TAddr>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        ExternalIp.Write(ref writer);
        writer.WriteU16(PortStart);
        writer.WriteU16(PortEnd);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out SNatCfg<TAddr> value)
    {
        value = null;
        if (!reader.TryRead(out TAddr ip) || !reader.TryReadU16(out ushort start) || !reader.TryReadU16(out ushort end))
        {
            return false;
        }

        value = new SNatCfg<TAddr>(ip, start, end);
        return true;
    }
}
