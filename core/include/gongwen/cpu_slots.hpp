// Cores shared by every process of one run, so that work inside a file (the pages of one scan)
// can spread over the cores that no other file is using, without ever running more busy threads
// than `--jobs` in total.
//
// The run has `total` slots, one per core it may use. A thread that works on a file already holds
// one: in `gongwen ingest` the supervising thread takes a slot for each file it hands to its worker
// process, in `gongwen extract` the main thread is the run's first slot. A plugin that can split a
// file's work (the ocr plugin: one Tesseract engine per thread) takes more with try_acquire(), per
// piece of work, and gives each back as soon as the piece is done, so that the next file's
// supervisor is not kept waiting for long. A scan that arrives while every other worker is idle
// thus gets every core; three scans on three workers with --jobs 3 get one core each.
//
// Across processes the slots are byte-range locks (fcntl F_SETLK) on one small file that the
// ingest process creates and every worker inherits: the kernel drops a process's locks when it
// dies, so a worker killed in the middle of a page (timeout, crash) cannot leak a slot. A second
// byte per slot marks a supervisor waiting for it, so that workers leave it alone meanwhile.
#pragma once

#include <mutex>
#include <vector>

namespace gongwen {

class CpuSlots {
public:
    /// A slot taken with try_acquire(); given back when destroyed.
    class Lease {
    public:
        Lease() = default;
        Lease(Lease&& other) noexcept : owner_(other.owner_), index_(other.index_) { other.owner_ = nullptr; }
        Lease& operator=(Lease&& other) noexcept;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { release(); }
        explicit operator bool() const { return owner_ != nullptr; }
        void release();

    private:
        friend class CpuSlots;
        Lease(CpuSlots* owner, int index) : owner_(owner), index_(index) {}
        CpuSlots* owner_ = nullptr;
        int index_ = -1;
    };

    /// Cores the run may use in all; 1 (the default, also for library users that configure
    /// nothing) means no thread beyond the caller's.
    int total() const;

    /// A slot that nobody in the run holds now, or an empty lease. Never blocks.
    Lease try_acquire();

    /// Host only. One process, `total` cores: the calling thread holds the first slot, the
    /// other total - 1 can be leased.
    void configure_local(int total);
    /// Host only. Slots are bytes of `fd` (see make_shared_slot_file), locked
    /// by every process of the run; this process holds none yet.
    void configure_shared(int fd, int total);
    /// Host only, shared slots: blocks until slot `index` is free and takes it for the calling
    /// process (an ingest supervisor before it hands a file to its worker). Returns false when
    /// slots are not shared.
    bool lock_slot(int index);
    void unlock_slot(int index);

    /// Host only: a new slot file for `total` slots (close-on-exec; a spawned worker gets it by
    /// dup2), or -1 with errno set.
    static int make_shared_slot_file(int total);

private:
    void give_back(int index);

    mutable std::mutex mutex_;
    int total_ = 1;
    int fd_ = -1;                 ///< shared slot file, or -1 for local slots
    std::vector<bool> held_ = std::vector<bool>(1, true);   ///< slots this process holds (fcntl locks do not exclude its threads); unconfigured: the caller's
};

/// This process's slots, configured by the host before any plugin runs.
CpuSlots& cpu_slots();

}  // namespace gongwen
