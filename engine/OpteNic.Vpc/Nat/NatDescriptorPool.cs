namespace OpteNic.Vpc.Nat;

/// <summary>
/// A fixed set of descriptor objects created at port construction, handed out per new NAT flow and returned when the
/// flow's LFT pair is removed — so the slow path never allocates. Empty pool = the flow is refused (counted).
/// </summary>
internal sealed class NatDescriptorPool<T> where T : class
{
    private readonly T[] _free;
    private readonly Lock _lock = new();
    private int _count;

    public NatDescriptorPool(int capacity, Func<NatDescriptorPool<T>, T> factory)
    {
        _free = new T[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _free[i] = factory(this);
        }

        _count = capacity;
    }

    public long Exhausted;

    public bool TryRent(out T? item)
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                Exhausted++;
                item = null;
                return false;
            }

            item = _free[--_count];
            return true;
        }
    }

    public void Return(T item)
    {
        lock (_lock)
        {
            if (_count < _free.Length)
            {
                _free[_count++] = item;
            }
        }
    }
}
