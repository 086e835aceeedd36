namespace OpteNic.Client.Queues;

/// <summary>Which rings of a queue pair a host process takes: each direction is owned (locked) separately.</summary>
[Flags]
public enum QueueDirections
{
    /// <summary>Host → card (guest frames out).</summary>
    Transmit = 1,
    /// <summary>Card → host (frames for the guest).</summary>
    Receive = 2,
    /// <summary>Both rings.</summary>
    Both = Transmit | Receive,
}
