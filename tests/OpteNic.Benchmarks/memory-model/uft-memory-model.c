// A model of the memory side of the engine's burst fast path at many flows, in plain C, to tell what the machine allows
// from what the engine's code costs (engine README, "Seventh pass"). Per packet it does what a lean UFT hit does to
// memory, with a fixed amount of arithmetic standing in for the engine's work:
//   - the harness's receive: copy the packet's 64-byte frame from a large array, in visit order, into a burst buffer
//     (--cached-frames instead writes the flow's id into the buffer, as if the frame were already in cache);
//   - stage 1 (every packet of a chunk, or --stage-distance packets ahead when rolling): hash the flow and prefetch its
//     32-byte index bucket (fourteen 16-bit tags); the first --prefetch-distance packets of a chunk also prefetch
//     their preferred slot, as the engine does;
//   - stage 2 (--prefetch-distance packets ahead): read the bucket, pick the way whose tag matches, prefetch that slot;
//   - process: compare the key in the slot's first line, read the rewrite from its second line (--slot-lines 1: from
//     the first line too, and only that line is requested), write the hit count
//     and last hit, write the result into the frame, and do --work units of dependent arithmetic.
// The table is laid out as the engine's: a slot is 128 bytes (two lines), a flow sits in its preferred way when that
// way was free at insert, else in the first free way of its home bucket; capacity is 8/7 of the flows; 2 MiB pages.
// --no-index reads no bucket: the slot is the preferred one for every flow (flows elsewhere are skipped), which
// bounds what a layout whose slot address follows from the hash alone could gain.
// Build: cc -O2 -march=native -o uft-memory-model uft-memory-model.c (memory-model.sh does it and runs the comparison).
#define _GNU_SOURCE
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

enum { Ways = 14, Ring = 64, MaxBurst = 512, FrameBytes = 64 };

typedef struct
{
    uint64_t key[5];
    uint64_t epoch, hits, last_hit;
    uint64_t rewrite[8];
} Slot; // 128 bytes: key and hot fields in the first line, the rewrite in the second

typedef struct
{
    long flows;
    int work;
    int burst;
    int rolling;
    int stage_distance;
    int prefetch_distance;
    int cached_frames;
    int no_index;
    int slot_lines;
    long packets;
} Options;

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

// An explicit PREFETCHT0: GCC 12 at -O2 emitted none for _mm_prefetch of slot addresses in this program.
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

// The model's table and the per-packet stage state.
static Slot *slots;
static uint16_t *buckets;
static uint64_t bucket_count;
static uint8_t *frames;
static uint32_t *visit_order;
static uint8_t burst_frames[MaxBurst][128] __attribute__((aligned(64)));
static uint32_t stage_hash[Ring];
static int stage_slot[Ring];
static uint64_t sink;
static Options opt;

static inline uint64_t home_bucket(uint32_t hash) { return ((uint64_t)hash * bucket_count) >> 32; }
static inline uint32_t preferred_way(uint32_t hash) { return (uint32_t)(((uint64_t)(uint32_t)((uint64_t)hash * bucket_count) * Ways) >> 32); }
static inline uint16_t tag_of(uint32_t hash) { return (uint16_t)(hash | 1); }

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
        uint16_t *bucket = buckets + home_bucket(hash) * 16;
        int way = bucket[preferred_way(hash)] == 0 ? (int)preferred_way(hash) : -1;
        for (int w = 0; way < 0 && w < Ways; w++)
        {
            way = bucket[w] == 0 ? w : -1;
        }

        if (way >= 0)
        {
            bucket[way] = tag_of(hash);
            Slot *slot = &slots[home_bucket(hash) * Ways + way];
            slot->key[0] = (uint64_t)f + 1;
            slot->epoch = 1;
            slot->rewrite[0] = (uint64_t)f;
        }
    }
}

static inline void do_work(uint64_t seed, int units, uint8_t *out)
{
    uint64_t x = seed;
    for (int k = 0; k < units; k++)
    {
        x = x * 31 + k;
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
    if (opt.no_index)
    {
        prefetch_slot((long)home_bucket(hash) * Ways + preferred_way(hash));
    }
    else
    {
        prefetch(buckets + home_bucket(hash) * 16);
        if (preferred)
        {
            prefetch_slot((long)home_bucket(hash) * Ways + preferred_way(hash));
        }
    }

    do_work(flow, opt.work / 3, NULL);
}

// Stage 2: read the bucket, request the slot whose tag matches.
static inline void find_candidate(int packet)
{
    uint32_t hash = stage_hash[packet % Ring];
    uint64_t bucket = home_bucket(hash);
    if (opt.no_index)
    {
        stage_slot[packet % Ring] = (int)(bucket * Ways + preferred_way(hash));
        return;
    }

    const uint16_t *tags = buckets + bucket * 16;
    int found = -1;
    for (int w = 0; w < Ways && found < 0; w++)
    {
        found = tags[w] == tag_of(hash) ? w : -1;
    }

    stage_slot[packet % Ring] = found < 0 ? -1 : (int)(bucket * Ways + found);
    if (found >= 0)
    {
        prefetch_slot((long)bucket * Ways + found);
    }
}

static inline void process(int packet, long now)
{
    int index = stage_slot[packet % Ring];
    if (index < 0)
    {
        return;
    }

    Slot *slot = &slots[index];
    uint32_t flow = *(uint32_t *)burst_frames[packet];
    if (slot->key[0] == flow && slot->epoch == 1)
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
        int first = count < opt.stage_distance ? count : opt.stage_distance;
        for (int j = 0; j < first; j++)
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
                stage(i + opt.stage_distance, 0);
            }

            if (i + opt.prefetch_distance < count)
            {
                find_candidate(i + opt.prefetch_distance);
            }

            process(i, now);
        }

        return;
    }

    // Staged, as Port.ProcessStagedBurst: every packet of a chunk (32) first, then the rolling slot prefetch.
    for (int start = 0; start < count; start += 32)
    {
        int chunk = count - start < 32 ? count - start : 32;
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
                find_candidate(start + i + opt.prefetch_distance);
            }

            process(start + i, now);
        }
    }
}

static void usage(const char *name)
{
    fprintf(stderr,
        "usage: %s [--flows N] [--work UNITS] [--burst N] [--rolling] [--stage-distance N] [--prefetch-distance N]\n"
        "          [--cached-frames] [--no-index] [--slot-lines 1|2] [--packets N]\n", name);
    exit(2);
}

int main(int argc, char **argv)
{
    opt = (Options){ .flows = 1 << 20, .work = 44, .burst = 32, .stage_distance = 16, .prefetch_distance = 9,
                     .slot_lines = 2, .packets = 30000000 };
    static const struct option longs[] = {
        { "flows", required_argument, 0, 'f' }, { "work", required_argument, 0, 'w' },
        { "burst", required_argument, 0, 'b' }, { "rolling", no_argument, 0, 'r' },
        { "stage-distance", required_argument, 0, 's' }, { "prefetch-distance", required_argument, 0, 'd' },
        { "cached-frames", no_argument, 0, 'c' }, { "no-index", no_argument, 0, 'n' },
        { "slot-lines", required_argument, 0, 'l' }, { "packets", required_argument, 0, 'p' }, { 0, 0, 0, 0 } };
    for (int c; (c = getopt_long(argc, argv, "", longs, NULL)) != -1;)
    {
        switch (c)
        {
        case 'f': opt.flows = atol(optarg); break;
        case 'w': opt.work = atoi(optarg); break;
        case 'b': opt.burst = atoi(optarg); break;
        case 'r': opt.rolling = 1; break;
        case 's': opt.stage_distance = atoi(optarg); break;
        case 'd': opt.prefetch_distance = atoi(optarg); break;
        case 'c': opt.cached_frames = 1; break;
        case 'n': opt.no_index = 1; break;
        case 'l': opt.slot_lines = atoi(optarg); break;
        case 'p': opt.packets = atol(optarg); break;
        default: usage(argv[0]);
        }
    }

    if (opt.flows < 1 || opt.burst < 1 || opt.burst > MaxBurst || opt.stage_distance >= Ring - opt.prefetch_distance ||
        opt.prefetch_distance < 1 || opt.stage_distance <= opt.prefetch_distance || opt.slot_lines < 1 || opt.slot_lines > 2)
    {
        usage(argv[0]);
    }

    long slot_count = ((opt.flows * 8 / 7) / Ways + 1) * Ways;
    bucket_count = (uint64_t)(slot_count / Ways);
    slots = huge_zeroed((size_t)slot_count * sizeof(Slot));
    buckets = huge_zeroed(bucket_count * 32 + 4096);
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
        long j = rand() % (i + 1);
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
    long warm = opt.packets / 10;
    double started = 0;
    for (long done = 0; done < opt.packets; done += opt.burst)
    {
        if (done >= warm && started == 0)
        {
            started = thread_ns();
            warm = done;
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

        process_burst(opt.burst, done);
    }

    double per_packet = (thread_ns() - started) / (double)(opt.packets - warm);
    printf("%.1f ns/packet  (flows %ld, work %d, burst %d, %s, frames %s, index %s, slot lines %d; %lu)\n", per_packet,
        opt.flows, opt.work, opt.burst, opt.rolling ? "rolling" : "staged", opt.cached_frames ? "cached" : "streamed",
        opt.no_index ? "none" : "tags", opt.slot_lines, (unsigned long)(sink & 1));
    return 0;
}
