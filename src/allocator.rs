//! The allocators' settings. The binary allocates with mimalloc
//! (`main.rs`); zstd, in C, allocates the parquet writers' compression
//! workspaces with the C library's malloc.

/// `mi_option_purge_delay` of `mimalloc.h`, which libmimalloc-sys names no
/// constant for.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Milliseconds freed memory is kept before it goes back to the system.
/// mimalloc 3 keeps it a whole second (2 kept it 10 ms): peak RSS of the
/// 2,000- and 20,000-report benchmark runs fell from 97 and 128 MiB to 80
/// and 98 MiB at 10 ms, at the same speed; at 0 it fell a little further
/// but the system time of a run doubled.
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Blocks from this size up get their own mapping from glibc's malloc,
/// returned to the system when freed. glibc starts at 128 KiB but raises
/// the threshold to the size of each mapped block freed, after which
/// every column writer's zstd workspace (60–130 KiB, made anew for each row
/// group) was carved from a heap that never shrank: peak RSS at 20,000
/// reports was 101 MiB with it and 82 MiB with 64 KiB fixed (2,000: 61 MiB
/// either way); 32 KiB gained 2 MiB more, within the noise.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: std::ffi::c_int = 64 << 10;

/// Makes both allocators give freed memory back to the system sooner.
pub fn release_freed_memory_sooner() {
    // SAFETY: mi_option_set only stores a number that mimalloc reads when
    // it next purges; any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, PURGE_DELAY_MS) }
    // SAFETY: called first thing in main, before any thread allocates;
    // mallopt only records the threshold (a fixed one also stops glibc
    // from moving it).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_the_purge_delay() {
        // Only the purge delay defaults to 1000 (ms); the environment may override it.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
        }
        release_freed_memory_sooner();
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, PURGE_DELAY_MS);
    }
}
