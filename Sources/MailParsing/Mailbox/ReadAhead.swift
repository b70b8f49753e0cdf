import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads the items `0..<count` for a caller that takes them in order:
/// on the caller's thread while they come from memory, and on a few
/// threads of its own, ahead of the caller, once they come from the disk.
///
/// A folder of message files read one file after another waits for the
/// disk once per file when the files are not in the page cache, as on an
/// officer's first scan of a Sent folder: about 0.07 ms a file on the
/// benchmark's host, which made a scan of its 50,000-message Maildir take
/// 4.0 to 4.8 s instead of 1.2 s. With several reads in flight the disk
/// serves them together. With the files cached, reading ahead on other
/// threads only costs: waking threads on another core (an interrupt per
/// wake-up in a VM), and their memory (a scan of 50,000 cached files took
/// 1.03 to 1.05 of the time and 1 to 1.6 MiB more). So the caller reads
/// while its reads find everything in memory, and the readers start when
/// a block of reads needed the disk (``ReadAheadLimits/probe``).
///
/// Memory stays bounded whatever the folder holds: the caller holds one
/// item at a time; readers claim ``ReadAheadLimits/chunk`` indexes at a
/// time and stay within ``ReadAheadLimits/window`` indexes of the caller,
/// and once the items read and not yet taken hold
/// ``ReadAheadLimits/byteBudget`` bytes, only the item the caller needs
/// next is read (so at most the budget and one item per reader are held).
/// Items are handed over in order, so the caller sees exactly what a
/// serial read gives.
final class ReadAhead<Item: Sendable>: @unchecked Sendable {
  private let limits: ReadAheadLimits
  private let condition = NSCondition()
  private let count: Int
  private let read: @Sendable (Int) -> (item: Item, bytes: Int)
  // All below guarded by `condition`.
  /// Item `i`, once read and until taken, at `i % window`.
  private var slots: [(item: Item, bytes: Int)?]
  /// The first index no reader has claimed.
  private var nextClaim: Int
  /// The index the caller takes next.
  private var taken: Int
  private var bytesHeld = 0
  private var callerWaits = false
  private var readersWaiting = 0
  private var stopped = false
  private var running = 0
  /// Chunks read one after another without the disk, by any reader.
  private var chunksFromMemory = 0
  /// The readers claim no more: the files come from memory again, and the
  /// caller reads on.
  private var handedBack = false

  private init(
    from first: Int, count: Int, limits: ReadAheadLimits, read: @escaping @Sendable (Int) -> (item: Item, bytes: Int)
  ) {
    precondition(limits.threads >= 1 && limits.chunk >= 1 && limits.window >= limits.chunk, "read-ahead limits")
    self.count = count
    self.limits = limits
    self.read = read
    nextClaim = first
    taken = first
    slots = Array(repeating: nil, count: limits.window)
  }

  /// Calls `body` with `read(0).item`, `read(1).item`, ...
  /// `read(count - 1).item` in order, on the caller's thread. `read` gives
  /// an item with the bytes it holds; it runs on the caller's thread, or
  /// on reader threads once reads need the disk. When `body` throws, the
  /// readers stop (none starts another item) and are waited for before
  /// the error is rethrown.
  static func forEach(
    count: Int, limits: ReadAheadLimits = .standard, read: @escaping @Sendable (Int) -> (item: Item, bytes: Int),
    _ body: (Item) throws -> Void
  ) rethrows {
    var index = 0
    while index < count {
      if let probe = limits.probe {
        // On this thread, one item at a time as before, looking at the
        // thread's reads from the disk once a block. (What `body` reads on
        // this thread counts too; a scan's `body` reads nothing.)
        var fromDisk = false
        while index < count && !fromDisk {
          let end = min(index + probe, count)
          let before = limits.diskReads()
          var bytes = 0
          for i in index..<end {
            let (item, itemBytes) = read(i)
            bytes += itemBytes
            try body(item)
          }
          fromDisk =
            limits.neededDisk(since: before, items: end - index) && bytes < (end - index) * limits.smallItemBytes
          index = end
        }
        guard index < count else { return }
      }
      // On the readers, until they find the files in memory again.
      let ahead = ReadAhead(from: index, count: count, limits: limits, read: read)
      ahead.start()
      defer { ahead.stop() }
      while index < count, let item = ahead.take(index) {
        try body(item)
        index += 1
      }
    }
  }

  private func start() {
    running = limits.threads
    for _ in 0..<limits.threads {
      let thread = Thread { [self] in readOn() }
      thread.name = "mailaudit.read-ahead"
      thread.start()
    }
  }

  /// The item at `index`, the one after the last taken, once read; nil
  /// when the readers handed reading back (see ``readOn()``) and every
  /// item they read was taken.
  private func take(_ index: Int) -> Item? {
    condition.lock()
    defer { condition.unlock() }
    let slot = index % limits.window
    while slots[slot] == nil {
      if handedBack && index >= nextClaim { return nil }
      // A reader may be waiting for room, or for this index to be needed.
      if readersWaiting > 0 { condition.broadcast() }
      callerWaits = true
      condition.wait()
      callerWaits = false
    }
    let (item, bytes) = slots[slot]!
    slots[slot] = nil
    bytesHeld -= bytes
    taken = index + 1
    // Readers waiting for room are woken once half the window is free, one
    // at a time: each wake-up of a thread on the other core is an
    // interrupt in a VM, and one per chunk taken made the readers cost 8%
    // of a scan of cached files.
    if readersWaiting > 0 && taken % max(limits.window / 2, 1) == 0 { condition.signal() }
    return item
  }

  /// A reader: claims a chunk within the window, reads it in order, and
  /// goes on until every index is claimed or the caller is done.
  private func readOn() {
    condition.lock()
    defer {
      running -= 1
      condition.broadcast()
      condition.unlock()
    }
    while !stopped && !handedBack && nextClaim < count {
      let start = nextClaim
      let end = min(start + limits.chunk, count)
      // Item `i` goes to slot `i % window`, free once item `i - window` is taken.
      guard end <= taken + limits.window else {
        waitAsReader()
        continue
      }
      nextClaim = end
      let before = limits.diskReads()
      for index in start..<end {
        // The caller's next item is always read, so the caller never waits
        // for a reader that waits for it.
        while !stopped && bytesHeld >= limits.byteBudget && index != taken { waitAsReader() }
        if stopped { return }
        condition.unlock()
        let result = read(index)
        condition.lock()
        slots[index % limits.window] = result
        bytesHeld += result.bytes
      }
      // Reading ahead pays only while the files come from the disk: with
      // the files cached it costs CPU time in wake-ups.
      if limits.neededDisk(since: before, items: end - start) {
        chunksFromMemory = 0
      } else {
        chunksFromMemory += 1
        // Without a probe the caller never reads: the readers read on.
        if limits.probe != nil && chunksFromMemory >= limits.chunksFromMemoryToHandBack { handedBack = true }
      }
      // The caller is woken once a chunk is read, not for each item.
      if callerWaits || handedBack { condition.broadcast() }
    }
  }

  private func waitAsReader() {
    // The caller may wait for what this reader read so far. (Only then:
    // readers woken by another that is about to wait would wake each other
    // in turn until the caller ran.)
    if callerWaits && slots[taken % limits.window] != nil { condition.broadcast() }
    readersWaiting += 1
    condition.wait()
    readersWaiting -= 1
  }

  /// Stops the readers and waits until none runs.
  private func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    while running > 0 { condition.wait() }
    condition.unlock()
  }
}

/// How ``ReadAhead`` reads: when it starts its readers, how many, and how
/// far ahead they go.
struct ReadAheadLimits: Sendable {
  /// Reader threads: reads in flight, not cores, as a reader mostly waits
  /// for the disk. A cold scan of the benchmark's 50,000 files read them
  /// in 3.3 s one at a time, 2.1 s with two threads, 1.5 s with four and
  /// 1.15 s with eight (a Python loop reading 16 KiB of each).
  var threads: Int
  /// Indexes a reader claims at once.
  var chunk: Int
  /// How far ahead of the caller the readers may go, in indexes.
  var window: Int
  /// Bytes of items read and not yet taken past which only the caller's
  /// next item is read.
  var byteBudget: Int
  /// Items the caller reads, one by one, between two looks at its
  /// thread's reads from the disk: after a block whose reads needed the
  /// disk, the readers take over. Nil: the readers start at once.
  var probe: Int?
  /// Readers start only for a block whose items average fewer bytes: a
  /// large file's reads go at the disk's speed anyway (the kernel reads
  /// ahead within a file), and four readers would hold one large header
  /// each on top of what the scan holds. (A scan of 60 files with 2 MiB
  /// headers peaks anywhere from 78 to 128 MB from run to run, with or
  /// without readers: too noisy to show what they add.)
  var smallItemBytes = 256 << 10
  /// Chunks read in a row without the disk after which the readers hand
  /// reading back to the caller (who probes again).
  var chunksFromMemoryToHandBack = 8
  /// The calling thread's reads from the disk so far, in 512-byte units
  /// (``DiskReads/ofThisThread()``; tests give their own).
  var diskReads: @Sendable () -> Int? = DiskReads.ofThisThread

  /// Whether reading `items` since `before` (``diskReads``) read a page
  /// an item from the disk, on average: false where reads are not counted.
  func neededDisk(since before: Int?, items: Int) -> Bool {
    guard let before, let now = diskReads() else { return false }
    return now - before >= items * DiskReads.unitsPerPage
  }

  static let standard = ReadAheadLimits(threads: 4, chunk: 32, window: 512, byteBudget: 4 << 20, probe: 64)
}

/// The reads from the disk a thread caused, as `getrusage(2)` counts them.
enum DiskReads {
  /// The kernel counts 512-byte units.
  static let unitsPerPage = 4096 / 512

  /// This thread's reads from the disk so far, in 512-byte units; nil
  /// where the system does not count them per thread.
  static func ofThisThread() -> Int? {
    #if os(Linux)
      var usage = rusage()
      // RUSAGE_THREAD (1) is behind _GNU_SOURCE, which Swift does not set.
      guard getrusage(__rusage_who_t(1), &usage) == 0 else { return nil }
      return usage.ru_inblock
    #else
      return nil
    #endif
  }
}
