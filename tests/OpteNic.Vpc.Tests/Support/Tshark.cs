using System.Diagnostics;

namespace OpteNic.Vpc.Tests.Support;

/// <summary>
/// Decodes pcap files with Wireshark's dissectors (the Debian <c>tshark</c> package) — an decoder independent of
/// ours, with checksum validation switched on. Multi-valued fields come back comma-joined in wire order.
/// </summary>
public static class Tshark
{
    private static readonly string[] s_checksumPreferences =
    [
        "-o", "ip.check_checksum:TRUE",
        "-o", "udp.check_checksum:TRUE",
        "-o", "tcp.check_checksum:TRUE",
    ];

    /// <summary>Returns, per packet, the requested fields plus <c>_ws.expert.severity</c> and <c>_ws.malformed</c>.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Decode(string pcapPath, params string[] fields)
    {
        string[] all = [.. fields, "_ws.expert.message", "_ws.malformed"];
        var arguments = new List<string> { "-r", pcapPath, "-n", "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=," };
        arguments.AddRange(s_checksumPreferences);
        foreach (string field in all)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("tshark is required for the independent decode of hairpin replies: apt-get install tshark", e);
        }

        using (process)
        {
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tshark failed ({process.ExitCode}): {error}");
            }

            var packets = new List<IReadOnlyDictionary<string, string>>();
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] values = line.TrimEnd('\r').Split('\t');
                var packet = new Dictionary<string, string>();
                for (int i = 0; i < all.Length; i++)
                {
                    packet[all[i]] = i < values.Length ? values[i] : "";
                }

                packets.Add(packet);
            }

            return packets;
        }
    }

    /// <summary>Decodes and asserts tshark found the packet well formed (no malformed marker, no warning/error expert info about checksums).</summary>
    public static IReadOnlyDictionary<string, string> DecodeSingleReply(string pcapPath, int index, params string[] fields)
    {
        var packets = Decode(pcapPath, fields);
        Assert.True(packets.Count > index, $"tshark decoded {packets.Count} packets from {pcapPath}");
        var packet = packets[index];
        Assert.Equal("", packet["_ws.malformed"]);
        Assert.DoesNotContain("Bad checksum", packet["_ws.expert.message"], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("incorrect", packet["_ws.expert.message"], StringComparison.OrdinalIgnoreCase);
        return packet;
    }
}
