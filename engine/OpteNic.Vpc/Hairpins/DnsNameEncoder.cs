namespace OpteNic.Vpc.Hairpins;

/// <summary>
/// DNS wire-format names (RFC 1035 section 3.1) for DHCP options, built once at configuration time. Search lists in
/// DHCPv4 option 119 use RFC 1035 message compression with offsets relative to the option data (RFC 3397 section 2);
/// DHCPv6 option 24 and the FQDN option must not be compressed (RFC 3646, RFC 4704).
/// </summary>
internal static class DnsNameEncoder
{
    /// <summary>Encodes <paramref name="names"/> back to back; with <paramref name="compress"/>, repeated suffixes become pointers.</summary>
    public static byte[] Encode(IReadOnlyList<string> names, bool compress)
    {
        var output = new List<byte>();
        var suffixOffsets = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in names)
        {
            string[] labels = SplitAndValidate(name);
            int i = 0;
            for (; i < labels.Length; i++)
            {
                string suffix = string.Join('.', labels, i, labels.Length - i);
                if (compress && suffixOffsets.TryGetValue(suffix, out int offset))
                {
                    output.Add((byte)(0xC0 | (offset >> 8)));
                    output.Add((byte)offset);
                    break;
                }

                // Pointers hold 14 bits: a suffix beyond that offset can be written but not pointed at.
                if (compress && output.Count < 0x4000)
                {
                    suffixOffsets[suffix] = output.Count;
                }

                output.Add((byte)labels[i].Length);
                foreach (char c in labels[i])
                {
                    output.Add((byte)c);
                }
            }

            if (i == labels.Length)
            {
                output.Add(0);
            }
        }

        return [.. output];
    }

    /// <summary>Encodes one name without compression (e.g. a DHCPv6 FQDN).</summary>
    public static byte[] EncodeOne(string name) => Encode([name], compress: false);

    /// <summary>Validates a host or domain name: letters, digits, '-' and '_'; labels of 1–63 bytes; 255 bytes on the wire.</summary>
    public static string[] SplitAndValidate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.Length == 0)
        {
            throw new ArgumentException("a DNS name must not be empty", nameof(name));
        }

        string[] labels = trimmed.Split('.');
        int wireLength = 1;
        foreach (string label in labels)
        {
            if (label.Length is 0 or > 63)
            {
                throw new ArgumentException($"DNS name '{name}' has a label of {label.Length} bytes (allowed 1–63)", nameof(name));
            }

            foreach (char c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    throw new ArgumentException($"DNS name '{name}' contains '{c}' (allowed: letters, digits, '-', '_')", nameof(name));
                }
            }

            wireLength += 1 + label.Length;
        }

        if (wireLength > 255)
        {
            throw new ArgumentException($"DNS name '{name}' is {wireLength} bytes on the wire (at most 255)", nameof(name));
        }

        return labels;
    }
}
