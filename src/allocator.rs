//! The C library allocator's settings. The binary allocates with jemalloc
//! (its settings are in `main.rs`, where it must read them before `main`);
//! zstd, in C, allocates the parquet writers' compression workspaces with
//! the C library's malloc.

/// Blocks from this size up get their own mapping from glibc's malloc,
/// returned to the system when freed. glibc starts at 128 KiB but raises
/// the threshold to the size of each mapped block freed, after which
/// every column writer's zstd workspace (60–130 KiB, made anew for each row
/// group) was carved from a heap that never shrank: peak RSS at 20,000
/// reports was 101 MiB with it and 82 MiB with 64 KiB fixed (2,000: 61 MiB
/// either way); 32 KiB gained 2 MiB more, within the noise.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: std::ffi::c_int = 64 << 10;

/// Makes the C library's malloc give zstd's workspaces back to the system
/// when they are freed.
pub fn release_freed_memory_sooner() {
    // SAFETY: called first thing in main, before any thread allocates;
    // mallopt only records the threshold (a fixed one also stops glibc
    // from moving it).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}
