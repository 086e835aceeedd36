using System.Net;
using OpteNic.Vpc.Hairpins;

namespace OpteNic.Vpc.Tests.Support;

/// <summary>The dual-stack port configuration most hairpin tests run against, and a helper to answer one frame.</summary>
public static class StandardGateway
{
    public static readonly string[] SearchDomains = ["vpc.oxide.internal", "sys.vpc.oxide.internal", "oxide.internal", "example.test"];
    public static readonly IPAddress[] DnsV4 = [IPAddress.Parse("172.30.0.53"), IPAddress.Parse("172.30.0.54")];
    public static readonly IPAddress[] DnsV6 = [IPAddress.Parse("fd00:1122:3344:1::53")];

    public static GatewayResponderOptions Options(int mtu = 1500) => new()
    {
        GuestMac = TestFrames.GuestMac,
        GatewayMac = TestFrames.GatewayMac,
        PrivateIpv4 = TestFrames.PrivateIpv4,
        GatewayIpv4 = TestFrames.GatewayIpv4,
        PrivateIpv6 = TestFrames.PrivateIpv6,
        Mtu = mtu,
        Hostname = "web1",
        DomainName = "vpc.oxide.internal",
        SearchDomains = SearchDomains,
        DnsServersV4 = DnsV4,
        DnsServersV6 = DnsV6,
    };

    public static GatewayResponder Create(int mtu = 1500) => new(Options(mtu));

    /// <summary>Answers <paramref name="request"/>; returns the result and a copy of the reply bytes (empty if none).</summary>
    public static (HairpinResult Result, byte[] Reply) Answer(GatewayResponder responder, byte[] request)
    {
        byte[] buffer = new byte[2048];
        HairpinResult result = responder.Respond(request, buffer);
        return (result, buffer.AsSpan(0, result.Length).ToArray());
    }

    public static string Mac(byte[] mac) => string.Join(':', mac.Select(b => b.ToString("x2")));
}
