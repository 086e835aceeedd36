namespace OpteNic.Engine;

/// <summary>
/// Process-wide table of layer names, so a <see cref="ProcessResult"/> can name the layer that dropped a packet with a
/// 16-bit id instead of a string reference. Keeping the per-packet result free of object references lets the JIT return
/// it in one register and skip zeroing GC-tracked stack slots on every fast-path call. Names are registered once, when a
/// layer is created (control path, under a lock); reading a name back is a lock-free array load.
/// </summary>
public static class LayerNameRegistry
{
    /// <summary>The id meaning "no layer".</summary>
    public const ushort None = 0;

    private static readonly object s_gate = new();
    private static readonly Dictionary<string, ushort> s_ids = new(StringComparer.Ordinal);
    private static string?[] s_names = new string?[16];
    private static int s_count = 1;

    /// <summary>
    /// The id of <paramref name="name"/>, registering it the first time it is seen. Distinct names are bounded by the
    /// layers ever created (the same name always gets the same id); more than 65535 distinct names is a setup error.
    /// </summary>
    public static ushort Register(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (s_gate)
        {
            if (s_ids.TryGetValue(name, out ushort id))
            {
                return id;
            }

            if (s_count > ushort.MaxValue)
            {
                throw new InvalidOperationException("more than 65535 distinct layer names");
            }

            string?[] names = s_names;
            if (s_count == names.Length)
            {
                // Copy-on-grow: readers holding the old array still see every name it had.
                var grown = new string?[names.Length * 2];
                Array.Copy(names, grown, names.Length);
                names = grown;
            }

            id = (ushort)s_count;
            names[id] = name;
            Volatile.Write(ref s_names, names);
            s_count++;
            s_ids.Add(name, id);
            return id;
        }
    }

    /// <summary>The name registered as <paramref name="id"/>; null for <see cref="None"/> or an unknown id.</summary>
    public static string? NameOf(ushort id)
    {
        string?[] names = Volatile.Read(ref s_names);
        return id < names.Length ? names[id] : null;
    }
}
