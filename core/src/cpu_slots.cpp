// Run-wide core slots (see cpu_slots.hpp).
#include "gongwen/cpu_slots.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

namespace gongwen {
namespace {

/// One byte of the slot file, locked (F_WRLCK) or unlocked (F_UNLCK); `wait` blocks until free.
bool set_lock(int fd, int index, short type, bool wait) {
    struct flock lock {};
    lock.l_type = type;
    lock.l_whence = SEEK_SET;
    lock.l_start = index;
    lock.l_len = 1;
    for (;;) {
        if (::fcntl(fd, wait ? F_SETLKW : F_SETLK, &lock) == 0) return true;
        if (errno == EINTR) continue;
        // The kernel's deadlock guess for F_SETLKW is about processes, not threads: no worker ever
        // waits for a slot, so there is no cycle; try again shortly.
        if (wait && errno == EDEADLK) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        return false;
    }
}

/// Whether another process holds a lock on that byte.
bool locked_by_other(int fd, int index) {
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = index;
    lock.l_len = 1;
    return ::fcntl(fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
}

}  // namespace

CpuSlots::Lease& CpuSlots::Lease::operator=(Lease&& other) noexcept {
    if (this != &other) {
        release();
        owner_ = other.owner_;
        index_ = other.index_;
        other.owner_ = nullptr;
    }
    return *this;
}

void CpuSlots::Lease::release() {
    if (owner_) owner_->give_back(index_);
    owner_ = nullptr;
}

int CpuSlots::total() const {
    const std::lock_guard lock(mutex_);
    return total_;
}

CpuSlots::Lease CpuSlots::try_acquire() {
    const std::lock_guard lock(mutex_);
    for (int index = 0; index < total_; ++index) {
        if (held_[static_cast<std::size_t>(index)]) continue;
        if (fd_ >= 0) {
            // A supervisor waiting for this slot (its intent byte is locked) gets it first: a
            // worker that gives a slot back between pages and takes it again at once would
            // otherwise keep the next file waiting for the whole scan.
            if (locked_by_other(fd_, total_ + index)) continue;
            if (!set_lock(fd_, index, F_WRLCK, false)) continue;   // held by another process
        }
        held_[static_cast<std::size_t>(index)] = true;
        return Lease(this, index);
    }
    return {};
}

void CpuSlots::give_back(int index) {
    const std::lock_guard lock(mutex_);
    if (fd_ >= 0) set_lock(fd_, index, F_UNLCK, false);
    held_[static_cast<std::size_t>(index)] = false;
}

void CpuSlots::configure_local(int total) {
    const std::lock_guard lock(mutex_);
    total_ = total < 1 ? 1 : total;
    fd_ = -1;
    held_.assign(static_cast<std::size_t>(total_), false);
    held_[0] = true;   // the calling thread's
}

void CpuSlots::configure_shared(int fd, int total) {
    const std::lock_guard lock(mutex_);
    total_ = total < 1 ? 1 : total;
    fd_ = fd;
    held_.assign(static_cast<std::size_t>(total_), false);
}

bool CpuSlots::lock_slot(int index) {
    int fd = -1;
    {
        const std::lock_guard lock(mutex_);
        if (fd_ < 0 || index < 0 || index >= total_) return false;
        fd = fd_;
    }
    // Not under the mutex: waiting here must not stop other threads of this process. The intent
    // byte (total + index) tells workers' try_acquire() to leave the slot to this waiter.
    const int intent = total() + index;
    set_lock(fd, intent, F_WRLCK, false);
    const bool locked = set_lock(fd, index, F_WRLCK, true);
    set_lock(fd, intent, F_UNLCK, false);
    if (!locked) return false;
    const std::lock_guard lock(mutex_);
    held_[static_cast<std::size_t>(index)] = true;
    return true;
}

void CpuSlots::unlock_slot(int index) {
    const std::lock_guard lock(mutex_);
    if (fd_ < 0 || index < 0 || index >= total_ || !held_[static_cast<std::size_t>(index)]) return;
    set_lock(fd_, index, F_UNLCK, false);
    held_[static_cast<std::size_t>(index)] = false;
}

int CpuSlots::make_shared_slot_file(int total) {
    const int fd = ::memfd_create("gongwen-cpu-slots", MFD_CLOEXEC);
    if (fd < 0) return -1;
    if (::ftruncate(fd, 2 * (total < 1 ? 1 : total)) != 0) {   // slots, then intent bytes
        const int error = errno;
        ::close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

CpuSlots& cpu_slots() {
    static CpuSlots slots;
    return slots;
}

}  // namespace gongwen
