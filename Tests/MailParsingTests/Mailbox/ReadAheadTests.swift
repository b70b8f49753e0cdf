import Foundation
import XCTest

@testable import MailParsing

final class ReadAheadTests: XCTestCase {
  /// Readers from the start, small enough that every limit is met often.
  private let small = ReadAheadLimits(threads: 3, chunk: 4, window: 16, byteBudget: 1 << 30, probe: nil)

  func testReadersHandEveryItemOverOnceAndInOrder() {
    let reads = Tally()
    var seen: [Int] = []
    ReadAhead<Int>.forEach(count: 1000, limits: small) { index in
      reads.add(index)
      // Uneven reads, so readers finish their chunks out of order.
      if index % 7 == 0 { usleep(50) }
      return (index, 1)
    } _: { seen.append($0) }
    XCTAssertEqual(seen, Array(0..<1000))
    XCTAssertEqual(reads.sorted, Array(0..<1000))
  }

  func testReadersStayWithinTheWindow() {
    // A slow caller: the readers run ahead as far as they may.
    let most = mostHeld(count: 2000, limits: small, bytes: 0, callerPausesOneIn: 50)
    // The window, and the item in the caller's hands: the readers may
    // claim past it as soon as it is taken.
    XCTAssertLessThanOrEqual(most, small.window + 1)
    XCTAssertGreaterThan(most, small.chunk, "the readers never ran ahead: the test proves nothing")
  }

  func testBeyondTheByteBudgetOnlyTheCallersNextItemIsRead() {
    // Items of 1 MB against a budget of 4 MB and a window of 64: the
    // budget, not the window, bounds what is held.
    let limits = ReadAheadLimits(threads: 3, chunk: 4, window: 64, byteBudget: 4_000_000, probe: nil)
    let most = mostHeld(count: 400, limits: limits, bytes: 1_000_000, callerPausesOneIn: 20)
    // Each reader may find the budget unmet at once and read one more.
    XCTAssertLessThanOrEqual(most, 4 + limits.threads)
    XCTAssertGreaterThanOrEqual(most, 4)
  }

  func testOnTheCallersThreadOneItemIsHeldAtATime() {
    // Read on the caller's thread (from memory), in blocks of 64 items of
    // 1 MB each: each is handed over before the next is read, as before
    // there was reading ahead.
    let limits = ReadAheadLimits(threads: 3, chunk: 4, window: 64, byteBudget: 4_000_000, probe: 64)
    XCTAssertEqual(mostHeld(count: 300, limits: limits, bytes: 1_000_000, callerPausesOneIn: nil), 1)
  }

  /// The most items of `bytes` each read and not yet taken at once, over
  /// `count` items; the caller pauses 0.2 ms after about one item in
  /// `callerPausesOneIn`.
  private func mostHeld(count: Int, limits: ReadAheadLimits, bytes: Int, callerPausesOneIn: Int?) -> Int {
    let held = Tally()
    ReadAhead<Int>.forEach(count: count, limits: limits) { index in
      held.enter()
      return (index, bytes)
    } _: { _ in
      held.leave()
      if let n = callerPausesOneIn, Int.random(in: 0..<n) == 0 { usleep(200) }
    }
    return held.most
  }

  func testAThrowingCallerStopsTheReadersBeforeItsErrorComesBack() {
    struct Stop: Error {}
    let reads = Tally()
    let returned = Tally()
    let lateReads = Tally()
    XCTAssertThrowsError(
      try ReadAhead<Int>.forEach(count: 100_000, limits: small) { index in
        reads.add(index)
        usleep(100)
        if returned.count > 0 { lateReads.add(index) }
        return (index, 0)
      } _: { item in
        if item == 100 { throw Stop() }
      }
    ) { XCTAssertTrue($0 is Stop) }
    returned.add(0)
    let readWhenStopped = reads.count
    usleep(20_000)
    XCTAssertEqual(reads.count, readWhenStopped, "a reader started a read after forEach returned")
    XCTAssertEqual(lateReads.count, 0, "a reader was still reading when forEach returned")
    XCTAssertLessThanOrEqual(readWhenStopped, 101 + small.window)
  }

  func testFromMemoryEveryItemIsReadOnTheCallersThread() {
    // In a test the items need no disk: the probe never starts readers.
    let caller = pthread_self()
    let elsewhere = Tally()
    var seen: [Int] = []
    ReadAhead<Int>.forEach(count: 500, limits: .standard) { index in
      if pthread_equal(pthread_self(), caller) == 0 { elsewhere.add(index) }
      return (index, 1)
    } _: { seen.append($0) }
    XCTAssertEqual(seen, Array(0..<500))
    XCTAssertEqual(elsewhere.count, 0)
  }

  func testReadersStartWhenReadsNeedTheDiskAndHandBackWhenTheyNoLongerDo() {
    // Items 0-299 and 1500-1999 "come from the disk": reading one counts
    // a page on the counter the limits read.
    let pages = Tally()
    var limits = ReadAheadLimits(threads: 3, chunk: 8, window: 64, byteBudget: 1 << 30, probe: 16)
    limits.chunksFromMemoryToHandBack = 4
    limits.diskReads = { pages.count * DiskReads.unitsPerPage }
    let caller = pthread_self()
    let onReaders = Tally()
    var seen: [Int] = []
    ReadAhead<Int>.forEach(count: 2000, limits: limits) { index in
      if index < 300 || index >= 1500 { pages.add(index) }
      if pthread_equal(pthread_self(), caller) == 0 { onReaders.add(index) }
      return (index, 1)
    } _: { seen.append($0) }
    XCTAssertEqual(seen, Array(0..<2000))
    let ahead = Set(onReaders.sorted)
    // The first block is read by the caller, which finds it came from the
    // disk: the readers read on.
    XCTAssertTrue(ahead.isDisjoint(with: 0..<16))
    XCTAssertTrue(ahead.isSuperset(of: 16..<300))
    // From memory, the readers hand back within a few chunks and a window.
    XCTAssertFalse(ahead.contains(300 + 4 * 8 + 64 + 8))
    XCTAssertTrue(ahead.isDisjoint(with: 600..<1500))
    // From the disk again: readers again, after at most two blocks of the
    // caller's (the first may straddle 1500).
    XCTAssertTrue(ahead.isSuperset(of: (1500 + 2 * 16)..<2000))
  }

  func testLargeItemsFromTheDiskAreStillReadOnTheCallersThread() {
    // Every item "comes from the disk", but each holds 1 MB: no readers.
    let pages = Tally()
    var limits = ReadAheadLimits(threads: 3, chunk: 4, window: 16, byteBudget: 4_000_000, probe: 8)
    limits.diskReads = { pages.count * DiskReads.unitsPerPage * 256 }
    let caller = pthread_self()
    let onReaders = Tally()
    ReadAhead<Int>.forEach(count: 100, limits: limits) { index in
      pages.add(index)
      if pthread_equal(pthread_self(), caller) == 0 { onReaders.add(index) }
      return (index, 1_000_000)
    } _: { _ in }
    XCTAssertEqual(onReaders.count, 0)
  }

  func testTheThreadCountsItsOwnReadsFromTheDisk() throws {
    // What the probe relies on: a file that was just read again comes from
    // memory, and the count is there to be read on Linux.
    #if os(Linux)
      let folder = try ScratchFolder()
      let file = try folder.write("f", String(repeating: "x", count: 64 << 10))
      _ = FileManager.default.contents(atPath: file)
      let before = try XCTUnwrap(DiskReads.ofThisThread())
      _ = FileManager.default.contents(atPath: file)
      XCTAssertEqual(DiskReads.ofThisThread(), before)
    #endif
  }
}

/// Counts shared by a test and the readers.
private final class Tally: @unchecked Sendable {
  private let lock = NSLock()
  private var indexes: [Int] = []
  private var now = 0
  private var peak = 0

  func add(_ index: Int) { lock.withLock { indexes.append(index) } }
  var count: Int { lock.withLock { indexes.count } }
  var sorted: [Int] { lock.withLock { indexes.sorted() } }

  /// An item read and not yet taken.
  func enter() {
    lock.withLock {
      now += 1
      peak = max(peak, now)
    }
  }
  func leave() { lock.withLock { now -= 1 } }
  var most: Int { lock.withLock { peak } }
}
