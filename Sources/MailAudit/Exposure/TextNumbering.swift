#if canImport(Glibc)
  import Glibc
#endif

/// Texts numbered from 0 in the order first met, each kept once.
///
/// What ``IncidentGrouping/Members`` numbers addresses, parties and thread
/// keys with, instead of a `[String: Int32]`. A dictionary hashes every key
/// again each time it grows: numbering the exposure-heavy benchmark's
/// 55,000 addresses, the growing was 60 of the numbering's 157 `perf`
/// samples, on the thread the rest of the analysis waits for. Here each
/// slot keeps 32 bits of its text's hash beside the text's number, so the
/// table grows by moving slots, never reading a text again; the texts are
/// compared only when those bits match.
///
/// The texts' bytes are copied end to end into one array rather than kept
/// as `String`s: a kept `String` held its decoded message's allocation of
/// 48 to 80 bytes alive until the grouping was over, for each of the
/// 50,000-message benchmark's 79,000 exposed addresses and every thread id,
/// subject and batch of its findings.
///
/// Texts are equal as `String`s are (canonically equivalent), as they were
/// when the table kept `String`s: equal bytes are equal texts, and texts of
/// different bytes that are not both ASCII are compared as `String`s (say
/// `é` written as one scalar or two), which the hash, taken from the
/// `String`, brings to the same slots.
struct TextNumbering: Sendable {
  private struct Slot: Sendable {
    /// The text's hash, cut to 32 bits (its low bits place the slot).
    var hash: UInt32
    /// The text's number plus one; 0 in an empty slot.
    var numberPlusOne: Int32
  }

  /// Every text's UTF-8 bytes, end to end, in the order of their numbers.
  private var bytes: [UInt8] = []
  /// Where text `n` ends in ``bytes``; it starts where text `n - 1` ends.
  private var ends: [Int] = []
  /// A power of two, never more than three quarters full.
  private var slots = [Slot](repeating: Slot(hash: 0, numberPlusOne: 0), count: 16)

  /// How many texts are numbered.
  var count: Int { ends.count }

  /// `text`'s number: the next one when it is new.
  mutating func number(of text: String) -> Int32 {
    number(of: text, assumingHash: UInt32(truncatingIfNeeded: text.hashValue))
  }

  /// `text`'s number, `hash` standing for its hash. For tests only, which
  /// give texts one hash to meet texts behind equal bits: a table must
  /// see each text with one hash, or it numbers the text twice.
  mutating func number(of text: String, assumingHash hash: UInt32) -> Int32 {
    text.withUTF8Bytes { number(of: text, utf8: $0, hash: hash) }
  }

  private mutating func number(of text: String, utf8: UnsafeBufferPointer<UInt8>, hash: UInt32) -> Int32 {
    let mask = slots.count - 1
    var i = Int(hash) & mask
    while true {
      let slot = slots[i]
      if slot.numberPlusOne == 0 { break }
      if slot.hash == hash && isText(Int(slot.numberPlusOne) - 1, equalTo: text, utf8: utf8) {
        return slot.numberPlusOne - 1
      }
      i = (i + 1) & mask
    }
    let number = Int32(ends.count)
    bytes.append(contentsOf: utf8)
    ends.append(bytes.count)
    slots[i] = Slot(hash: hash, numberPlusOne: number + 1)
    if ends.count * 4 > slots.count * 3 { grow() }
    return number
  }

  /// Whether text `number` is `text`, whose bytes are `utf8`.
  private func isText(_ number: Int, equalTo text: String, utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = number == 0 ? 0 : ends[number - 1]
    let end = ends[number]
    return bytes.withUnsafeBufferPointer { all in
      let stored = UnsafeBufferPointer(rebasing: all[start..<end])
      if stored.count == utf8.count
        && (utf8.isEmpty || memcmp(stored.baseAddress!, utf8.baseAddress!, utf8.count) == 0)
      {
        return true
      }
      // Different bytes: the same text only as canonically equivalent
      // `String`s, which ASCII alone never is. Rare: it takes equal hash bits.
      guard !stored.allSatisfy({ $0 < 0x80 }) || !utf8.allSatisfy({ $0 < 0x80 }) else { return false }
      return String(decoding: stored, as: UTF8.self) == text
    }
  }

  /// Doubles the slots, each placed again by the hash it keeps.
  private mutating func grow() {
    var grown = [Slot](repeating: Slot(hash: 0, numberPlusOne: 0), count: slots.count * 2)
    let mask = grown.count - 1
    for slot in slots where slot.numberPlusOne != 0 {
      var i = Int(slot.hash) & mask
      while grown[i].numberPlusOne != 0 { i = (i + 1) & mask }
      grown[i] = slot
    }
    slots = grown
  }
}
