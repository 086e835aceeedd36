using System.Runtime.CompilerServices;

// Per-packet methods here stack-allocate scratch space (replay builds an outer stack in 256 bytes) and keep large
// struct locals; the compiler's definite-assignment rules already guarantee every local is written before it is
// read, and every stackalloc in this project is fully written before it is read (checked when this was added), so
// zeroing them on entry is pure cost on the data path.
[module: SkipLocalsInit]
