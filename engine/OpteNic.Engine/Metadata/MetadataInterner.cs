namespace OpteNic.Engine.Metadata;

/// <summary>
/// Maps metadata key and value strings to small ids when rules and actions are created, so the data path compares
/// and stores <see cref="ushort"/>s instead of strings and never allocates. One interner is shared by a port and every
/// layer and action built for it (the builder hands it out). Id 0 is reserved for "absent".
/// </summary>
public sealed class MetadataInterner
{
    /// <summary>Prefix of keys only the engine may set (behaviour §1 Metadata).</summary>
    public const string ReservedPrefix = "opte:";

    private readonly Dictionary<string, ushort> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [string.Empty];
    private readonly Lock _gate = new();

    /// <summary>Returns the id of <paramref name="text"/>, creating it on first use. Control path only (allocates).</summary>
    public ushort Intern(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            if (_ids.TryGetValue(text, out ushort id))
            {
                return id;
            }

            if (_names.Count > ushort.MaxValue)
            {
                throw new InvalidOperationException("metadata interner is full (65535 distinct strings)");
            }

            id = (ushort)_names.Count;
            _names.Add(text);
            _ids.Add(text, id);
            return id;
        }
    }

    /// <summary>Finds the id of an already interned string without creating one.</summary>
    public bool TryGetId(string text, out ushort id)
    {
        lock (_gate)
        {
            return _ids.TryGetValue(text, out id);
        }
    }

    /// <summary>The string behind <paramref name="id"/> (for dumps and tests).</summary>
    public string NameOf(ushort id)
    {
        lock (_gate)
        {
            return id < _names.Count ? _names[id] : $"#{id}";
        }
    }

    /// <summary>Whether a key is reserved for the engine (<c>opte:</c> prefix).</summary>
    public static bool IsReservedKey(string key) => key.StartsWith(ReservedPrefix, StringComparison.Ordinal);
}
