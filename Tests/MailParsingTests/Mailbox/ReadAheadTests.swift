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
    XCTAssertTrue(ahead.isDisjoint(with: (300 + 4 * 8 + 64 + 8)..<1500))
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

  /// Random limits, reads from "the disk" that come and go (readers start
  /// and hand back many times), slow reads and callers, tiny byte budgets,
  /// callers that throw: every run gives each item once and in order, holds
  /// no more than its bounds, and leaves nothing reading once it returns.
  /// A lost wake-up would hang: the runs go on another thread, and the
  /// test fails if they have not ended within a minute.
  func testUnderRandomLimitsEveryItemComesOnceInOrderAndNothingOutlivesTheCall() {
    let failures = Failures()
    let finished = DispatchSemaphore(value: 0)
    let runs = Thread {
      var random = SplitMix(seed: 0x6d61_696c_6175_6469)
      for run in 0..<300 { Self.randomRun(run, &random, failures) }
      finished.signal()
    }
    runs.start()
    guard finished.wait(timeout: .now() + 60) == .success else {
      return XCTFail("the runs did not end within a minute: a reader or the caller waits for ever")
    }
    XCTAssertEqual(failures.all, [])
    XCTAssertGreaterThan(failures.phases, 100, "readers seldom started: the test proves little")
  }

  private static func randomRun(_ run: Int, _ random: inout SplitMix, _ failures: Failures) {
    let count = Int.random(in: 0...300, using: &random)
    let threads = Int.random(in: 1...5, using: &random)
    let chunk = Int.random(in: 1...8, using: &random)
    let window = Int.random(in: chunk...(chunk * 4), using: &random)
    let itemBytes = Int.random(in: 0...3, using: &random)
    let budget = [0, 1, 3, 10, 1 << 30].randomElement(using: &random)!
    let probe = [nil, 1, 3, 8, 16].randomElement(using: &random)!
    let period = Int.random(in: 1...50, using: &random)
    let throwAt = count > 0 && Bool.random(using: &random) ? Int.random(in: 0..<count, using: &random) : nil
    let slow = Bool.random(using: &random)
    let seed = random.next()
    let state = RunState(seed: seed)
    var limits = ReadAheadLimits(threads: threads, chunk: chunk, window: window, byteBudget: budget, probe: probe)
    limits.chunksFromMemoryToHandBack = Int.random(in: 1...3, using: &random)
    limits.smallItemBytes = 1 << 20
    // Items in every other stretch of `period` "come from the disk": a
    // page on the counter of the thread that reads them.
    limits.diskReads = { state.diskReads() }
    let caller = pthread_self()
    struct Stop: Error {}
    var seen: [Int] = []
    do {
      try ReadAhead<Int>.forEach(count: count, limits: limits) { index in
        state.startRead(index, fromDisk: (index / period) % 2 == 0, onCaller: pthread_equal(pthread_self(), caller) != 0)
        if slow { state.pause(oneIn: 10) }
        state.endRead(bytes: itemBytes)
        return (index, itemBytes)
      } _: { item in
        state.take(bytes: itemBytes)
        seen.append(item)
        if slow { state.pause(oneIn: 20) }
        if item == throwAt { throw Stop() }
      }
    } catch {}
    state.returned()
    usleep(200)
    let config =
      "run \(run): \(count) items, \(threads) threads, chunk \(chunk), window \(window), budget \(budget), "
      + "\(itemBytes) bytes, probe \(probe.map(String.init) ?? "none"), period \(period), throw at \(throwAt.map(String.init) ?? "none")"
    // The caller's own item is held beside the readers' ones.
    let byteBound = budget >= 1 << 30 ? Int.max : max(budget - 1, 0) + (threads + 1) * itemBytes
    failures.add(state.check(expected: throwAt.map { $0 + 1 } ?? count, seen: seen, count: count, threw: throwAt != nil,
      heldBound: window + 1, byteBound: byteBound), config)
    failures.addPhases(state.readerPhases)
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

/// What one random run saw, from every thread.
private final class RunState: @unchecked Sendable {
  private let lock = NSLock()
  private var random: SplitMix
  private var diskPages: [UInt: Int] = [:]
  private var reads: [Int: Int] = [:]
  private var inFlight = 0
  private var held = 0
  private var mostHeld = 0
  private var heldBytes = 0
  private var mostBytes = 0
  private var lateReads = 0
  private var hasReturned = false
  private var lastOnCaller: Int?
  /// Times the readers took over from the caller.
  private(set) var readerPhases = 0

  init(seed: UInt64) { random = SplitMix(seed: seed) }

  private static func thread() -> UInt { UInt(pthread_self()) }

  func diskReads() -> Int? { lock.withLock { diskPages[Self.thread(), default: 0] * DiskReads.unitsPerPage } }

  func startRead(_ index: Int, fromDisk: Bool, onCaller: Bool) {
    lock.withLock {
      if hasReturned { lateReads += 1 }
      inFlight += 1
      reads[index, default: 0] += 1
      if fromDisk { diskPages[Self.thread(), default: 0] += 1 }
      if onCaller {
        lastOnCaller = index
      } else if let last = lastOnCaller, last == index - 1 {
        readerPhases += 1
      }
    }
  }

  func endRead(bytes: Int) {
    lock.withLock {
      inFlight -= 1
      held += 1
      mostHeld = max(mostHeld, held)
      heldBytes += bytes
      mostBytes = max(mostBytes, heldBytes)
    }
  }

  func take(bytes: Int) {
    lock.withLock {
      held -= 1
      heldBytes -= bytes
    }
  }

  func pause(oneIn n: Int) {
    let micros: UInt32? = lock.withLock {
      Int.random(in: 0..<n, using: &random) == 0 ? UInt32.random(in: 0...200, using: &random) : nil
    }
    if let micros { usleep(micros) }
  }

  func returned() { lock.withLock { hasReturned = true } }

  /// What went wrong, if anything.
  func check(expected: Int, seen: [Int], count: Int, threw: Bool, heldBound: Int, byteBound: Int) -> [String] {
    lock.withLock {
      var wrong: [String] = []
      if seen != Array(0..<expected) { wrong.append("items taken: \(seen.count), \(expected) expected in order") }
      if reads.values.contains(where: { $0 != 1 }) { wrong.append("an item read twice") }
      if !threw && reads.count != count { wrong.append("\(reads.count) items read of \(count)") }
      if inFlight != 0 { wrong.append("\(inFlight) reads in flight after the return") }
      if lateReads != 0 { wrong.append("\(lateReads) reads started after the return") }
      if mostHeld > heldBound { wrong.append("\(mostHeld) items held, at most \(heldBound) allowed") }
      if mostBytes > byteBound { wrong.append("\(mostBytes) bytes held, at most \(byteBound) allowed") }
      return wrong
    }
  }
}

/// The random runs' failures, each with its configuration.
private final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var list: [String] = []
  private var phaseCount = 0
  func add(_ wrong: [String], _ config: String) {
    guard !wrong.isEmpty else { return }
    lock.withLock { list.append("\(config): \(wrong.joined(separator: "; "))") }
  }
  func addPhases(_ n: Int) { lock.withLock { phaseCount += n } }
  var all: [String] { lock.withLock { list } }
  var phases: Int { lock.withLock { phaseCount } }
}
