import CShims

/// How the process allocates memory: set once when it starts, and freed
/// memory handed back between a scan's phases.
public enum ProcessMemory {
  /// Limits glibc's malloc to two arenas, unless `MALLOC_ARENA_MAX` says
  /// otherwise; call before any thread starts.
  ///
  /// Why: every thread that allocates gets an arena of its own, and memory
  /// freed in one is not reused by another. The scan parses on every core
  /// and stores on another thread; the report reads on two and writes its
  /// files on both. With an arena per thread, the exposure-heavy scan
  /// peaked 5.5 MiB higher (56.7 against 51.2 MiB) and the report of 55,000
  /// named addresses 3 MiB higher, for no measured gain in time.
  public static func limitArenas() {
    cshims_limit_malloc_arenas(2)
  }

  /// Hands the memory malloc holds freed back to the system (glibc's
  /// `malloc_trim`; nothing elsewhere), so that what one phase of a scan
  /// freed does not lie under what the next one allocates and lift the
  /// scan's peak. It walks malloc's arenas: call it between phases, never
  /// per message.
  public static func returnFreedMemory() {
    cshims_return_free_memory()
  }
}
