// A model of the memory side of the engine's burst fast path at many flows, in plain C (engine README, "Seventh pass"):
// what a lean UFT hit does to memory, per packet, with a fixed amount of stand-in work, so that a layout or schedule
// change can be priced on this machine before it is built in the engine. Per packet:
//   - the harness's receive: copy the packet's 64-byte frame from a large array, in visit order, into a burst buffer
//     (--cached-frames instead writes the flow's id into the buffer, as if the frame were already in cache);
//   - stage 1 (every packet of a 32-packet chunk, or --stage-distance packets ahead with --rolling): hash the flow,
//     request its 32-byte index bucket (fourteen 16-bit tags and an overflow count), plus the preferred slot for the
//     first --prefetch-distance packets of a chunk, as Port.ProcessStagedBurst does;
//   - stage 2 (--prefetch-distance packets ahead): compare the bucket's tags at once (one vector compare, as the
//     engine), request the matching way's slot; a flow filed past its home bucket reads the next buckets as it goes;
//   - process: compare the key in the slot's first line, read the rewrite from its second line (--slot-lines 1: from
//     the first line, and only that line is requested), write the hit count and last hit, write into the frame, and do
//     --work units of stand-in work: by default loads and stores that hit the cache (--work-kind memory, as the
//     engine's parse and rewrite are), or a dependent arithmetic chain (--work-kind alu).
// The table is laid out as the engine's: 128-byte slots (two lines), way w of bucket b is slot 14b + w, a flow takes
// its preferred way when free, else the first free way from its home bucket on (later buckets when it is full, with
// the home bucket's overflow count raised); capacity is 8/7 of the flows; 2 MiB pages for the table and the frames.
// --no-index reads no bucket: every flow's slot is the preferred one of its hash (the key compare always succeeds), at
// the same prefetch distance, which is what a layout whose slot address follows from the hash alone would cost.
// Build: cc -O2 -march=native -mavx2 -o uft-memory-model uft-memory-model.c; memory-model.sh builds it and runs the
// comparison. x86-64 with AVX2 only.
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum { Ways = 14, Ring = 64, MaxBurst = 512, FrameBytes = 64, Chunk = 32, MaxProbe = 64 };

typedef struct
{
    uint64_t key[5];
    uint64_t epoch, hits, last_hit;
    uint64_t rewrite[8];
} Slot; // 128 bytes: key and hot fields in the first line, the rewrite in the second

typedef struct
{
    uint16_t tags[Ways]; // 0 = free way
    uint16_t overflow;   // flows of this home bucket filed in later buckets
    uint16_t unused;
} Bucket; // 32 bytes

typedef struct
{
    long flows;
    long work;
    long burst;
    int rolling;
    long stage_distance;
    long prefetch_distance;
    int cached_frames;
    int no_index;
    long slot_lines;
    int alu_work;
    long packets;
} Options;

static Options opt;
static Slot *slots;
static Bucket *buckets;
static uint64_t bucket_count;
static uint8_t *frames;
static uint32_t *visit_order;
static uint8_t burst_frames[MaxBurst][128] __attribute__((aligned(64)));
static uint32_t stage_hash[Ring];
static long stage_slot[Ring];
static uint64_t scratch[256];
static uint64_t sink;
static long placed_elsewhere;

static void *huge_zeroed(size_t bytes)
{
    size_t huge = (size_t)2 << 20;
    uint8_t *raw = mmap(NULL, bytes + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED)
    {
        perror("mmap");
        exit(1);
    }

    uint8_t *aligned = (uint8_t *)(((uintptr_t)raw + huge - 1) & ~(uintptr_t)(huge - 1));
    madvise(aligned, bytes, MADV_HUGEPAGE);
    memset(aligned, 0, bytes);
    return aligned;
}

static double thread_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

// An explicit PREFETCHT0: GCC 12 at -O2 emitted none for _mm_prefetch of slot addresses in an earlier version.
static inline void prefetch(const void *address)
{
    __asm__ volatile("prefetcht0 %0" : : "m"(*(const char *)address));
}

static inline uint32_t mix(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352d;
    x ^= x >> 15;
    x *= 0x846ca68b;
    x ^= x >> 16;
    return x;
}

static inline uint64_t home_bucket(uint32_t hash) { return ((uint64_t)hash * bucket_count) >> 32; }
static inline uint32_t preferred_way(uint32_t hash) { return (uint32_t)(((uint64_t)(uint32_t)((uint64_t)hash * bucket_count) * Ways) >> 32); }
static inline uint16_t tag_of(uint32_t hash) { return (uint16_t)(hash | 1); }
static inline long preferred_slot(uint32_t hash) { return (long)home_bucket(hash) * Ways + preferred_way(hash); }

// Ways of the bucket whose tag matches, as a bit mask: one 256-bit compare, as UnifiedFlowTable.MatchWays.
static inline uint32_t match_ways(const Bucket *bucket, uint16_t tag)
{
    __m256i tags = _mm256_load_si256((const __m256i *)bucket);
    uint32_t bytes = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi16(tags, _mm256_set1_epi16((short)tag)));
    return _pext_u32(bytes, 0x55555555u) & ((1u << Ways) - 1);
}

static inline void prefetch_slot(long slot)
{
    const char *line = (const char *)&slots[slot];
    prefetch(line);
    if (opt.slot_lines > 1)
    {
        prefetch(line + 64);
    }
}

static void fill_table(void)
{
    for (long f = 0; f < opt.flows; f++)
    {
        uint32_t hash = mix((uint32_t)f + 1);
        uint64_t home = home_bucket(hash);
        long slot = -1;
        if (opt.no_index)
        {
            slot = preferred_slot(hash); // the modelled layout: every flow where its hash says
        }
        else
        {
            uint64_t b = home;
            for (int probe = 0; probe < MaxProbe && slot < 0; probe++, b = b + 1 == bucket_count ? 0 : b + 1)
            {
                Bucket *bucket = &buckets[b];
                int way = probe == 0 && bucket->tags[preferred_way(hash)] == 0 ? (int)preferred_way(hash) : -1;
                for (int w = 0; way < 0 && w < Ways; w++)
                {
                    way = bucket->tags[w] == 0 ? w : -1;
                }

                if (way >= 0)
                {
                    bucket->tags[way] = tag_of(hash);
                    slot = (long)b * Ways + way;
                    if (probe > 0)
                    {
                        buckets[home].overflow++;
                        placed_elsewhere++;
                    }
                }
            }
        }

        if (slot < 0)
        {
            fprintf(stderr, "table full at flow %ld\n", f);
            exit(1);
        }

        slots[slot].key[0] = (uint64_t)f + 1;
        slots[slot].epoch = 1;
        slots[slot].rewrite[0] = (uint64_t)f;
    }
}

static inline void do_work(uint64_t seed, long units, uint8_t *out)
{
    uint64_t x = seed;
    if (opt.alu_work)
    {
        for (long k = 0; k < units; k++)
        {
            x = x * 31 + (uint64_t)k;
        }
    }
    else
    {
        // Loads and stores that hit the cache, several per cycle, as the engine's parse and header writes are.
        for (long k = 0; k < units * 3; k++)
        {
            uint64_t a = scratch[(k * 7) & 255];
            uint64_t b = scratch[(k * 13 + 5) & 255];
            scratch[(k * 11 + 3) & 255] = a + b + x;
            x += a ^ b;
        }
    }

    if (out != NULL)
    {
        *(uint64_t *)(out + 8) = x;
    }

    sink += x;
}

// Stage 1: hash, request the bucket (and, when asked, the preferred slot); a third of the work (the engine's parse).
static inline void stage(int packet, int preferred)
{
    uint32_t flow = *(uint32_t *)burst_frames[packet];
    uint32_t hash = mix(flow);
    stage_hash[packet % Ring] = hash;
    if (!opt.no_index)
    {
        prefetch(&buckets[home_bucket(hash)]);
    }

    if (preferred)
    {
        prefetch_slot(preferred_slot(hash));
    }

    do_work(flow, opt.work / 3, NULL);
}

// Stage 2: find the flow's way in the index and request its slot (with --no-index, request the hash's slot).
static inline void find_candidate(int packet)
{
    uint32_t hash = stage_hash[packet % Ring];
    long slot = -1;
    if (opt.no_index)
    {
        slot = preferred_slot(hash);
    }
    else
    {
        uint64_t b = home_bucket(hash);
        int more = 1;
        for (int probe = 0; probe < MaxProbe && slot < 0 && more; probe++)
        {
            const Bucket *bucket = &buckets[b];
            uint32_t matches = match_ways(bucket, tag_of(hash));
            if (matches != 0)
            {
                slot = (long)b * Ways + __builtin_ctz(matches);
            }

            more = probe == 0 ? bucket->overflow != 0 : 1;
            b = b + 1 == bucket_count ? 0 : b + 1;
        }
    }

    stage_slot[packet % Ring] = slot;
    if (slot >= 0)
    {
        prefetch_slot(slot);
    }
}

static inline void process(int packet, long now)
{
    long index = stage_slot[packet % Ring];
    if (index < 0)
    {
        return;
    }

    Slot *slot = &slots[index];
    uint32_t flow = *(uint32_t *)burst_frames[packet];
    // --no-index models a layout that always finds the flow at its hash's slot (flows sharing one here overwrite it).
    if ((slot->key[0] == flow || opt.no_index) && slot->epoch == 1)
    {
        slot->hits++;
        slot->last_hit = (uint64_t)now;
        do_work(opt.slot_lines > 1 ? slot->rewrite[0] : slot->key[1], opt.work, burst_frames[packet]);
    }
}

static void process_burst(int count, long now)
{
    if (opt.rolling)
    {
        for (int j = 0; j < opt.stage_distance && j < count; j++)
        {
            stage(j, j < opt.prefetch_distance);
        }

        for (int j = 0; j < opt.prefetch_distance && j < count; j++)
        {
            find_candidate(j);
        }

        for (int i = 0; i < count; i++)
        {
            if (i + opt.stage_distance < count)
            {
                stage(i + (int)opt.stage_distance, 0);
            }

            if (i + opt.prefetch_distance < count)
            {
                find_candidate(i + (int)opt.prefetch_distance);
            }

            process(i, now);
        }

        return;
    }

    // Staged, as Port.ProcessStagedBurst: stage every packet of a chunk first, then process with the slot requests
    // running --prefetch-distance packets ahead.
    for (int start = 0; start < count; start += Chunk)
    {
        int chunk = count - start < Chunk ? count - start : Chunk;
        for (int j = 0; j < chunk; j++)
        {
            stage(start + j, j < opt.prefetch_distance);
        }

        for (int j = 0; j < opt.prefetch_distance && j < chunk; j++)
        {
            find_candidate(start + j);
        }

        for (int i = 0; i < chunk; i++)
        {
            if (i + opt.prefetch_distance < chunk)
            {
                find_candidate(start + i + (int)opt.prefetch_distance);
            }

            process(start + i, now);
        }
    }
}

static void usage(const char *name, const char *problem)
{
    if (problem != NULL)
    {
        fprintf(stderr, "%s: %s\n", name, problem);
    }

    fprintf(stderr,
        "usage: %s [--flows N] [--work UNITS] [--work-kind memory|alu] [--burst N] [--rolling] [--stage-distance N]\n"
        "          [--prefetch-distance N] [--cached-frames] [--no-index] [--slot-lines 1|2] [--packets N]\n", name);
    exit(2);
}

static long number(const char *name, const char *text, long min, long max)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || *text == '\0' || *end != '\0' || value < min || value > max)
    {
        char problem[128];
        snprintf(problem, sizeof problem, "--%s wants a whole number from %ld to %ld, not '%s'", name, min, max, text);
        usage("uft-memory-model", problem);
    }

    return value;
}

int main(int argc, char **argv)
{
    opt = (Options){ .flows = 1 << 20, .work = 8, .burst = 32, .stage_distance = 16, .prefetch_distance = 9,
                     .slot_lines = 2, .packets = 30000000 };
    static const struct option longs[] = {
        { "flows", required_argument, 0, 'f' }, { "work", required_argument, 0, 'w' },
        { "work-kind", required_argument, 0, 'k' }, { "burst", required_argument, 0, 'b' },
        { "rolling", no_argument, 0, 'r' }, { "stage-distance", required_argument, 0, 's' },
        { "prefetch-distance", required_argument, 0, 'd' }, { "cached-frames", no_argument, 0, 'c' },
        { "no-index", no_argument, 0, 'n' }, { "slot-lines", required_argument, 0, 'l' },
        { "packets", required_argument, 0, 'p' }, { 0, 0, 0, 0 } };
    for (int c; (c = getopt_long(argc, argv, "", longs, NULL)) != -1;)
    {
        switch (c)
        {
        case 'f': opt.flows = number("flows", optarg, 1, 1L << 26); break;
        case 'w': opt.work = number("work", optarg, 0, 100000); break;
        case 'k':
            if (strcmp(optarg, "alu") != 0 && strcmp(optarg, "memory") != 0)
            {
                usage(argv[0], "--work-kind is memory or alu");
            }

            opt.alu_work = strcmp(optarg, "alu") == 0;
            break;
        case 'b': opt.burst = number("burst", optarg, 1, MaxBurst); break;
        case 'r': opt.rolling = 1; break;
        case 's': opt.stage_distance = number("stage-distance", optarg, 2, Ring - 1); break;
        case 'd': opt.prefetch_distance = number("prefetch-distance", optarg, 1, Chunk); break;
        case 'c': opt.cached_frames = 1; break;
        case 'n': opt.no_index = 1; break;
        case 'l': opt.slot_lines = number("slot-lines", optarg, 1, 2); break;
        case 'p': opt.packets = number("packets", optarg, 100000, 1L << 40); break;
        default: usage(argv[0], NULL);
        }
    }

    if (optind < argc)
    {
        usage(argv[0], "unexpected argument");
    }

    if (opt.rolling && opt.stage_distance <= opt.prefetch_distance)
    {
        usage(argv[0], "--stage-distance must exceed --prefetch-distance (a bucket is read after it was requested)");
    }

    long slot_count = ((opt.flows * 8 / 7) / Ways + 1) * Ways;
    bucket_count = (uint64_t)(slot_count / Ways);
    slots = huge_zeroed((size_t)slot_count * sizeof(Slot));
    buckets = huge_zeroed(bucket_count * sizeof(Bucket));
    fill_table();

    // Frames in a fixed random visit order, stored in that order (as a receive ring delivers them).
    visit_order = malloc(sizeof(uint32_t) * (size_t)opt.flows);
    for (long i = 0; i < opt.flows; i++)
    {
        visit_order[i] = (uint32_t)i;
    }

    srand(7);
    for (long i = opt.flows - 1; i > 0; i--)
    {
        long j = ((long)rand() * RAND_MAX + rand()) % (i + 1);
        uint32_t t = visit_order[i];
        visit_order[i] = visit_order[j];
        visit_order[j] = t;
    }

    frames = huge_zeroed((size_t)opt.flows * FrameBytes);
    for (long k = 0; k < opt.flows; k++)
    {
        *(uint32_t *)(frames + k * FrameBytes) = visit_order[k] + 1;
    }

    long next = 0;
    long measured_from = -1;
    double started = 0;
    for (long done = 0; done < opt.packets; done += opt.burst)
    {
        if (measured_from < 0 && done >= opt.packets / 10)
        {
            started = thread_ns();
            measured_from = done;
        }

        for (int i = 0; i < opt.burst; i++)
        {
            if (opt.cached_frames)
            {
                *(uint32_t *)burst_frames[i] = visit_order[next] + 1;
            }
            else
            {
                memcpy(burst_frames[i], frames + next * FrameBytes, FrameBytes);
            }

            next = next + 1 == opt.flows ? 0 : next + 1;
        }

        process_burst((int)opt.burst, done);
    }

    long measured = ((opt.packets - measured_from + opt.burst - 1) / opt.burst) * opt.burst;
    printf("%.1f ns/packet  (flows %ld, %.1f %% past their home bucket, work %ld %s, burst %ld, %s, frames %s, index %s, "
           "slot lines %ld; %lu)\n",
        (thread_ns() - started) / (double)measured, opt.flows, 100.0 * placed_elsewhere / opt.flows, opt.work,
        opt.alu_work ? "alu" : "memory", opt.burst, opt.rolling ? "rolling" : "staged", opt.cached_frames ? "cached" : "streamed",
        opt.no_index ? "none" : "tags", opt.slot_lines, (unsigned long)(sink & 1));
    return 0;
}
