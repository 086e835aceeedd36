using System.Net;
using OpteNic.Api.Abi;
using OpteNic.HwSim.Wire;

namespace OpteNic.Card.Tests.HwSim;

/// <summary>The verification suite of the Microsoft RSS specification (default key), IPv4 and IPv6, with and without ports.</summary>
public sealed class ToeplitzTests
{
    public static TheoryData<string, ushort, string, ushort, uint, uint> Vectors => new()
    {
        // destination, dst port, source, src port, hash of addresses only, hash with TCP ports
        { "161.142.100.80", 1766, "66.9.149.187", 2794, 0x323e8fc2, 0x51ccc178 },
        { "65.69.140.83", 4739, "199.92.111.2", 14230, 0xd718262a, 0xc626b0ea },
        { "12.22.207.184", 38024, "24.19.198.95", 12898, 0xd2d0a5de, 0x5c2b394a },
        { "209.142.163.6", 2217, "38.27.205.30", 48228, 0x82989176, 0xafc7327f },
        { "202.188.127.2", 1303, "153.39.163.191", 44251, 0x5d1809c5, 0x10e828a2 },
        { "3ffe:2501:200:3::1", 1766, "3ffe:2501:200:1fff::7", 2794, 0x2cc18cd5, 0x40207d3d },
        { "ff02::1", 4739, "3ffe:501:8::260:97ff:fe40:efab", 14230, 0x0f0c461c, 0xdde51bbf },
        { "fe80::200:f8ff:fe21:67cf", 38024, "3ffe:1900:4545:3:200:f8ff:fe21:67cf", 44251, 0x4b61e985, 0x02d1feef },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hash_matches_the_specification(string destination, ushort destinationPort, string source, ushort sourcePort, uint addressesOnly, uint withPorts)
    {
        var src = IPAddress.Parse(source).GetAddressBytes();
        var dst = IPAddress.Parse(destination).GetAddressBytes();
        byte[] ports = [(byte)(sourcePort >> 8), (byte)sourcePort, (byte)(destinationPort >> 8), (byte)destinationPort];

        Assert.Equal(addressesOnly, Toeplitz.Hash(RssDefaults.Key, [.. src, .. dst]));
        Assert.Equal(withPorts, Toeplitz.Hash(RssDefaults.Key, [.. src, .. dst, .. ports]));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Table_hash_matches_the_specification(string destination, ushort destinationPort, string source, ushort sourcePort, uint addressesOnly, uint withPorts)
    {
        var src = IPAddress.Parse(source).GetAddressBytes();
        var dst = IPAddress.Parse(destination).GetAddressBytes();
        byte[] ports = [(byte)(sourcePort >> 8), (byte)sourcePort, (byte)(destinationPort >> 8), (byte)destinationPort];
        var table = new ToeplitzTable(RssDefaults.Key);

        Assert.Equal(addressesOnly, table.Hash([.. src, .. dst]));
        Assert.Equal(withPorts, table.Hash([.. src, .. dst, .. ports]));
    }

    /// <summary>The table form equals the bit-by-bit definition for random keys (short ones too) and inputs of every length.</summary>
    [Fact]
    public void Table_hash_equals_the_bitwise_hash()
    {
        var random = new Random(99);
        for (var round = 0; round < 200; round++)
        {
            var key = new byte[random.Next(0, Toeplitz.KeyLength + 1)];
            random.NextBytes(key);
            var table = new ToeplitzTable(key);
            for (var length = 0; length <= ToeplitzTable.MaxInputLength; length++)
            {
                var input = new byte[length];
                random.NextBytes(input);
                Assert.Equal(Toeplitz.Hash(key, input), table.Hash(input));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_TCP_frame_hashes_to_the_specifications_four_tuple_value(string destination, ushort destinationPort, string source, ushort sourcePort, uint addressesOnly, uint withPorts)
    {
        _ = addressesOnly;
        var frame = TcpFrame(IPAddress.Parse(source), IPAddress.Parse(destination), sourcePort, destinationPort);
        Assert.Equal(withPorts, RssSteering.HashFrame(RssDefaults.Key, frame));
    }

    [Fact]
    public void Non_IP_and_truncated_frames_hash_to_zero_without_throwing()
    {
        var arp = new byte[60];
        arp[12] = 0x08;
        arp[13] = 0x06;
        Assert.Equal(0u, RssSteering.HashFrame(RssDefaults.Key, arp));
        var tcp = TcpFrame(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1, 2);
        for (var length = 0; length < 34; length++)
        {
            Assert.Equal(0u, RssSteering.HashFrame(RssDefaults.Key, tcp.AsSpan(0, length)));
        }

        // Cut inside the ports: an addresses-only hash.
        var addresses = Toeplitz.Hash(RssDefaults.Key, [10, 0, 0, 1, 10, 0, 0, 2]);
        Assert.Equal(addresses, RssSteering.HashFrame(RssDefaults.Key, tcp.AsSpan(0, 36)));
    }

    [Fact]
    public void A_fragment_hashes_on_addresses_only()
    {
        var frame = TcpFrame(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 1, 2);
        frame[14 + 6] = 0x20; // more fragments
        Assert.Equal(Toeplitz.Hash(RssDefaults.Key, [10, 0, 0, 1, 10, 0, 0, 2]), RssSteering.HashFrame(RssDefaults.Key, frame));
    }

    private static byte[] TcpFrame(IPAddress source, IPAddress destination, ushort sourcePort, ushort destinationPort)
    {
        var v6 = source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var ipLength = v6 ? 40 : 20;
        var frame = new byte[14 + ipLength + 20];
        frame[12] = v6 ? (byte)0x86 : (byte)0x08;
        frame[13] = v6 ? (byte)0xDD : (byte)0x00;
        var ip = frame.AsSpan(14);
        if (v6)
        {
            ip[0] = 0x60;
            ip[4] = 0;
            ip[5] = 20;
            ip[6] = 6;
            source.GetAddressBytes().CopyTo(ip[8..]);
            destination.GetAddressBytes().CopyTo(ip[24..]);
        }
        else
        {
            ip[0] = 0x45;
            ip[3] = 40;
            ip[9] = 6;
            source.GetAddressBytes().CopyTo(ip[12..]);
            destination.GetAddressBytes().CopyTo(ip[16..]);
        }

        var tcp = ip[ipLength..];
        tcp[0] = (byte)(sourcePort >> 8);
        tcp[1] = (byte)sourcePort;
        tcp[2] = (byte)(destinationPort >> 8);
        tcp[3] = (byte)destinationPort;
        return frame;
    }
}
