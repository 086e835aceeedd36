using OpteNic.Vpc.Hairpins;
using OpteNic.Vpc.Tests.Support;

namespace OpteNic.Vpc.Tests.Hairpins;

public class HairpinAllocationTests
{
    [Fact]
    public void Every_hairpin_kind_answers_thousands_of_requests_without_allocating()
    {
        var gateway = StandardGateway.Create();
        byte[][] requests =
        [
            TestFrames.ArpRequest(TestFrames.GuestMac, TestFrames.PrivateIpv4, TestFrames.GatewayIpv4),
            TestFrames.PingV4(TestFrames.GatewayIpv4, 1, 1, new byte[56]),
            TestFrames.PingV6(TestFrames.GatewayLinkLocal, 1, 1, new byte[56]),
            TestFrames.DhcpV4(1, false, TestFrames.GuestMac, null, TestFrames.MessageType(1)),
            TestFrames.DhcpV4(2, true, TestFrames.GuestMac, null, TestFrames.MessageType(3), (50, TestFrames.PrivateIpv4.GetAddressBytes())),
            TestFrames.DhcpV6(1, 1, TestFrames.ClientIdOption, TestFrames.IaNaOption()),
            TestFrames.DhcpV6(1, 2, TestFrames.ClientIdOption, TestFrames.DhcpV6Option(14, []), TestFrames.IaNaOption()),
            TestFrames.RouterSolicitation(TestFrames.GuestLinkLocal, withSourceLinkLayer: true),
            TestFrames.NeighborSolicitation(TestFrames.GuestLinkLocal, TestFrames.SolicitedNode(TestFrames.GatewayLinkLocal), TestFrames.GatewayLinkLocal, true),
        ];
        byte[] reply = new byte[2048];
        foreach (byte[] request in requests)
        {
            Assert.True(gateway.Respond(request, reply).IsReply);
        }

        int replies = 0;
        long allocated = Allocations.QuietestWindow(window =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                foreach (byte[] request in requests)
                {
                    replies += gateway.Respond(request, reply).IsReply ? 1 : 0;
                }
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(3 * 2_000 * requests.Length, replies);
    }
}
