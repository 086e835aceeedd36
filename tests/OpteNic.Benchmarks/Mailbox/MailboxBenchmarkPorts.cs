using OpteNic.Api.Commands;
using OpteNic.Api.Net;
using OpteNic.Api.Vpc;

namespace OpteNic.Benchmarks.Mailbox;

/// <summary>Requests the mailbox benchmarks need to give the card a port to talk about.</summary>
public static class MailboxBenchmarkPorts
{
    /// <summary>An IPv4 VPC port (guest 172.30.0.5/22, VNI 100) named <paramref name="name"/>.</summary>
    public static CreateXdeReq CreatePort(string name)
    {
        var v4 = new Ipv4Cfg(Ipv4Cidr.Parse("172.30.0.0/22"), Ipv4Addr.Parse("172.30.0.5"), Ipv4Addr.Parse("172.30.0.1"), ExternalIpCfg<Ipv4Addr>.None, [], []);
        var cfg = new VpcCfg(new IpCfg.Ipv4(v4), MacAddr.Parse("a8:40:25:00:00:05"), VpcCfg.DefaultGatewayMac, new Vni(100), Ipv6Addr.Parse("fd00:1::1"));
        return new CreateXdeReq(name, 0, cfg, DhcpCfg.Empty, Passthrough: false);
    }
}
