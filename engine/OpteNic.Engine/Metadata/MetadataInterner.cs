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
    /// <summary>Most distinct strings (ids 1…65535; 0 means absent).</summary>
    public const int Capacity = ushort.MaxValue;

    private readonly Lock _gate = new();
    private readonly int _capacity;
    private long _fullFailures;

    /// <summary>Creates an interner for up to <see cref="Capacity"/> distinct strings.</summary>
    public MetadataInterner()
        : this(Capacity)
    {
    }

    /// <summary>Creates an interner for up to <paramref name="capacity"/> distinct strings (tests use small ones).</summary>
    public MetadataInterner(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, Capacity);
        _capacity = capacity;
    }

    /// <summary>Distinct strings interned so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _names.Count - 1;
            }
        }
    }

    /// <summary>Requests refused because the interner was full (each one surfaced to its caller as a result, never thrown).</summary>
    public long FullFailures => Interlocked.Read(ref _fullFailures);

    /// <summary>
    /// Finds or creates the id of <paramref name="text"/>. Returns <see cref="MetadataInternResult.Full"/> (and counts it
    /// in <see cref="FullFailures"/>) when a new string would not fit: command handlers turn that into a precise
    /// "no space" error for the one command that asked, and the interner stays usable for strings it already has.
    /// Control path only (allocates on first use of a string).
    /// </summary>
    public MetadataInternResult TryIntern(string text, out ushort id)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            if (_ids.TryGetValue(text, out id))
            {
                return MetadataInternResult.Ok;
            }

            if (_names.Count > _capacity)
            {
                _fullFailures++;
                id = 0;
                return MetadataInternResult.Full;
            }

            id = (ushort)_names.Count;
            _names.Add(text);
            _ids.Add(text, id);
            return MetadataInternResult.Ok;
        }
    }

    /// <summary>
    /// Returns the id of <paramref name="text"/>, creating it on first use. For setup code that interns a fixed set of
    /// keys once (a port's builder, a network's constant keys); anything driven by commands (e.g. one string per VNI or
    /// per target) must call <see cref="TryIntern"/> and report <see cref="MetadataInternResult.Full"/> as an error.
    /// </summary>
    /// <exception cref="InvalidOperationException">The interner is full (a setup bug: constant keys never fill it).</exception>
    public ushort Intern(string text) =>
        TryIntern(text, out ushort id) == MetadataInternResult.Ok
            ? id
            : throw new InvalidOperationException($"metadata interner is full ({_capacity} distinct strings)");

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
