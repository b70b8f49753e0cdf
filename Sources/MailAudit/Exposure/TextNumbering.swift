/// Texts numbered from 0 in the order first met, each kept once.
///
/// What ``IncidentGrouping/Members`` numbers addresses, parties and thread
/// keys with, instead of a `[String: Int32]`. A dictionary hashes every key
/// again each time it grows: numbering the exposure-heavy benchmark's
/// 55,000 addresses, the growing was 60 of the numbering's 157 `perf`
/// samples, on the thread the rest of the analysis waits for. Here each
/// slot keeps 32 bits of its text's hash beside the text's number, so the
/// table grows by moving slots, never reading a text again; the texts are
/// compared only when those bits match. Memory: 1 to 1.5 MiB more than
/// the `[String: Int32]` at the scan's peak on the 50,000-message mbox
/// (58.7 and 59.2 against 57.6 and 57.7 MiB, two runs each), where a
/// dictionary keyed by the text with its whole hash (24 bytes a key) was
/// 3.3 MiB more.
struct TextNumbering: Sendable {
  private struct Slot: Sendable {
    /// The text's hash, cut to 32 bits (its low bits place the slot).
    var hash: UInt32
    /// The text's number plus one; 0 in an empty slot.
    var numberPlusOne: Int32
  }

  /// Every text, at its number.
  private var texts: [String] = []
  /// A power of two, never more than three quarters full.
  private var slots = [Slot](repeating: Slot(hash: 0, numberPlusOne: 0), count: 16)

  /// How many texts are numbered.
  var count: Int { texts.count }

  /// `text`'s number: the next one when it is new.
  mutating func number(of text: String) -> Int32 {
    number(of: text, assumingHash: UInt32(truncatingIfNeeded: text.hashValue))
  }

  /// `text`'s number, `hash` standing for its hash. For tests only, which
  /// give texts one hash to meet texts behind equal bits: a table must
  /// see each text with one hash, or it numbers the text twice.
  mutating func number(of text: String, assumingHash hash: UInt32) -> Int32 {
    let mask = slots.count - 1
    var i = Int(hash) & mask
    while true {
      let slot = slots[i]
      if slot.numberPlusOne == 0 { break }
      if slot.hash == hash && texts[Int(slot.numberPlusOne) - 1] == text { return slot.numberPlusOne - 1 }
      i = (i + 1) & mask
    }
    let number = Int32(texts.count)
    texts.append(text)
    slots[i] = Slot(hash: hash, numberPlusOne: number + 1)
    if texts.count * 4 > slots.count * 3 { grow() }
    return number
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
