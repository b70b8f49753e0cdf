import Foundation

/// Distinct texts counted from their bytes, each distinct one copied once.
///
/// For the index's totals, which every scan's summary reads: the parties of
/// the exposure-heavy benchmark's 55,000 exposed addresses are about 7,000,
/// and making a `String` of every row's party (through GRDB's `Row`) to put
/// it in a `Set<String>` made the totals 15 to 23 ms where SQLite's part
/// is about 7 (12.5 to 14 ms with this). The distinct texts sit end to end
/// in one array; each slot keeps 32 bits of its text's hash, its length and
/// where it starts, so a text is compared only with those of equal bits
/// and length (as ``TextNumbering`` does for `String`s).
struct DistinctTexts {
  private struct Slot {
    static let empty = Slot(hash: 0, count: 0, start: -1)
    var hash: UInt32
    var count: UInt32
    /// Where the text starts in `texts`; -1 in an empty slot.
    var start: Int
  }

  /// Every distinct text, end to end.
  private var texts: [UInt8] = []
  /// A power of two, never more than three quarters full.
  private var slots = [Slot](repeating: .empty, count: 1024)
  /// How many distinct texts were met.
  private(set) var count = 0

  /// Counts `utf8` unless an equal text was counted before.
  mutating func insert(_ utf8: UnsafeBufferPointer<UInt8>) {
    // Hasher is seeded per process: texts from a mailbox cannot be chosen
    // to fall on one slot.
    var hasher = Hasher()
    hasher.combine(bytes: UnsafeRawBufferPointer(utf8))
    insert(utf8, assumingHash: UInt32(truncatingIfNeeded: hasher.finalize()))
  }

  /// Counts `utf8` as ``insert(_:)`` does, `hash` standing for its hash. For
  /// tests only, which give texts one hash to meet texts behind equal bits.
  mutating func insert(_ utf8: UnsafeBufferPointer<UInt8>, assumingHash hash: UInt32) {
    let mask = slots.count - 1
    var i = Int(hash) & mask
    while slots[i].start >= 0 {
      let slot = slots[i]
      if slot.hash == hash && Int(slot.count) == utf8.count && equals(utf8, at: slot.start) { return }
      i = (i + 1) & mask
    }
    slots[i] = Slot(hash: hash, count: UInt32(utf8.count), start: texts.count)
    texts.append(contentsOf: utf8)
    count += 1
    if count * 4 > slots.count * 3 { grow() }
  }

  private func equals(_ utf8: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
    texts.withUnsafeBufferPointer { all in
      guard let base = utf8.baseAddress, !utf8.isEmpty else { return true }
      return memcmp(all.baseAddress! + start, base, utf8.count) == 0
    }
  }

  /// Doubles the slots, each placed again by the hash it keeps.
  private mutating func grow() {
    var grown = [Slot](repeating: .empty, count: slots.count * 2)
    let mask = grown.count - 1
    for slot in slots where slot.start >= 0 {
      var i = Int(slot.hash) & mask
      while grown[i].start >= 0 { i = (i + 1) & mask }
      grown[i] = slot
    }
    slots = grown
  }
}
