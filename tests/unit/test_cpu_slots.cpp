// The run-wide core slots that let the pages of one scan spread over the cores no other file is
// using (gongwen/cpu_slots.hpp): leases within a process, byte locks across processes, and a slot
// that comes back by itself when the process holding it dies.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include "gongwen/cpu_slots.hpp"

using gongwen::CpuSlots;

TEST_CASE("local slots: the caller holds one, the others are leased once each and come back", "[cpu-slots]") {
    CpuSlots slots;
    CHECK(slots.total() == 1);
    CHECK_FALSE(slots.try_acquire());   // unconfigured: no core beyond the caller's
    slots.configure_local(3);
    CHECK(slots.total() == 3);
    CpuSlots::Lease first = slots.try_acquire();
    CpuSlots::Lease second = slots.try_acquire();
    CHECK(first);
    CHECK(second);
    CHECK_FALSE(slots.try_acquire());   // 3 cores: the caller's and two leases
    second.release();
    CHECK_FALSE(second);
    CHECK(slots.try_acquire());         // given back, taken again (and given back at once)
    {
        CpuSlots::Lease scoped = slots.try_acquire();
        CHECK(scoped);
    }
    CHECK(slots.try_acquire());
}

namespace {

/// In a child process with its own view of the shared slots: how many it can lease, and whether
/// it then exits holding them (as a worker killed mid-page would).
int leases_in_child(int fd, int total) {
    const pid_t child = ::fork();
    if (child == 0) {
        CpuSlots worker;
        worker.configure_shared(fd, total);
        std::vector<CpuSlots::Lease> leases;
        while (auto lease = worker.try_acquire()) leases.push_back(std::move(lease));
        ::_exit(static_cast<int>(leases.size()));   // leases not given back: the kernel drops the locks
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("shared slots: a slot held by the supervising process is not leased to a worker, a dead worker's slots come back",
          "[cpu-slots]") {
    const int fd = CpuSlots::make_shared_slot_file(3);
    REQUIRE(fd >= 0);
    CpuSlots supervisor;
    supervisor.configure_shared(fd, 3);
    CHECK(leases_in_child(fd, 3) == 3);   // nobody holds a slot: a worker may use every core
    REQUIRE(supervisor.lock_slot(0));
    REQUIRE(supervisor.lock_slot(2));
    CHECK(leases_in_child(fd, 3) == 1);   // two files in flight: one core left for pages
    supervisor.unlock_slot(2);
    CHECK(leases_in_child(fd, 3) == 2);
    // Each child died holding its leases; they are free again for the next one.
    CHECK(leases_in_child(fd, 3) == 2);
    supervisor.unlock_slot(0);
    CHECK(leases_in_child(fd, 3) == 3);
    ::close(fd);
}
