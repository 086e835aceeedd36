using OpteNic.Packets;

namespace OpteNic.Engine.Tests.Sample;

/// <summary>Addresses of the sample network used by scenario tests and benchmarks.</summary>
public static class SampleAddresses
{
    public static readonly MacAddress GuestMac = new(0x02_08_20_00_00_05);
    public static readonly MacAddress GatewayMac = new(0xA8_40_25_FF_77_77);
    public static readonly IpAddr GuestIp = IpAddr.Parse("10.0.0.5");
    public static readonly IpAddr GatewayIp = IpAddr.Parse("10.0.0.1");
    public static readonly IpAddr GuestIp6 = IpAddr.Parse("fd00:1::5");
    public static readonly IpAddr ExternalIp = IpAddr.Parse("203.0.113.9");
    public static readonly IpAddr ExternalIp6 = IpAddr.Parse("2001:db8::9");
    public static readonly IpAddr RemoteIp = IpAddr.Parse("198.51.100.7");
    public static readonly IpAddr RemoteIp6 = IpAddr.Parse("2001:db8:ffff::7");
    public static readonly IpAddr UnderlayLocal = IpAddr.Parse("fd00:99::1");
    public static readonly IpAddr UnderlayRemote = IpAddr.Parse("fd00:99::2");
    public static readonly MacAddress BoundaryMac = new(0xA8_40_25_77_77_77);
    public const uint Vni = 1234;
}
