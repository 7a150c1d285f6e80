//! The program's allocator: mimalloc, set to hand freed memory back soon.

// Page rendering allocates and frees many small template values on every
// thread; mimalloc's per-thread heaps do that a third faster than the
// system's allocator (BENCHMARKS.md, "Tenth session").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `arena_eager_commit` and `purge_delay` options (mimalloc.h).
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Arenas are committed as they fill and freed memory goes back to the
/// system after 10 ms: the peak stays what the build holds at one time
/// (about 260 MB for 10,000 dense pages, 345 MB with mimalloc's defaults),
/// while memory one step frees and the next asks for is not zeroed anew
/// (handed back at once, page faults took 18% of a 100,000-page rebuild).
/// Set before mimalloc makes its first arena, which happens before `main`.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static SET_ALLOCATOR_OPTIONS: extern "C" fn() = return_freed_memory_promptly;

pub(crate) extern "C" fn return_freed_memory_promptly() {
    // SAFETY: setting an option is a plain store into mimalloc's option table,
    // valid at any time; both values are documented settings.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10);
    }
}
