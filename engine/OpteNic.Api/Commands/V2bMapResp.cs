using System.Diagnostics.CodeAnalysis;
using OpteNic.Api.Wire;

namespace OpteNic.Api.Commands;

/// <summary>
/// All V2B mappings.
/// Wire form: <c>ip4</c> (Vec&lt;V2bEntry4&gt;), <c>ip6</c> (Vec&lt;V2bEntry6&gt;).
/// </summary>
/// <param name="Ip4">IPv4 prefixes.</param>
/// <param name="Ip6">IPv6 prefixes.</param>
public sealed record V2bMapResp(
    ValueArray<V2bEntry4> Ip4,
    ValueArray<V2bEntry6> Ip6) : IPostcardSerializable<V2bMapResp>
{
    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteSequence(Ip4);
        writer.WriteSequence(Ip6);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out V2bMapResp value)
    {
        value = null;
        if (!reader.TryReadSequence(out ValueArray<V2bEntry4> fIp4, 6) ||
            !reader.TryReadSequence(out ValueArray<V2bEntry6> fIp6, 18))
        {
            return false;
        }

        value = new V2bMapResp(fIp4, fIp6);
        return true;
    }
}
