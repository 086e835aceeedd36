using OpteNic.Api.Abi;
using OpteNic.Client.Queues;

namespace OpteNic.System.Tests.Client;

/// <summary>The host's reading of an RX completion's multicast fields (datasheet §5.5, §6.4).</summary>
public sealed class RxCompletionTests
{
    [Theory]
    [InlineData(CompletionFlags.MulticastReplica, 7u, 7u)]
    [InlineData(CompletionFlags.MulticastReplica | CompletionFlags.ChecksumVerified, 0xFFFF_FFFFu, 0xFFFF_FFFFu)]
    [InlineData(CompletionFlags.None, 0x1234_5678u, null)]
    [InlineData(CompletionFlags.Hairpin, 0u, null)]
    public void A_multicast_copy_carries_its_ports_link_id_in_place_of_the_hash(CompletionFlags flags, uint rssHash, uint? linkId)
    {
        Assert.Equal(linkId, new RxCompletion(60, rssHash, CompletionStatus.Ok, flags).MulticastLinkId);
    }
}
