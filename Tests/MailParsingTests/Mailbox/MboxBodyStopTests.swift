import CShims
import XCTest

/// `cshims_mbox_body_stop`, the vector search that skips mbox bodies, finds
/// exactly what a byte-at-a-time reading finds: the first NUL byte or the
/// LF of the first whole `\nFrom `, wherever it falls against the 16- and
/// 32-byte steps, and nothing past the range it is given. Each method is
/// checked (AVX2, SSE2, memchr per line), whichever one this CPU would use.
final class MboxBodyStopTests: XCTestCase {
  /// The byte-at-a-time reading the search must agree with.
  private func reference(_ bytes: ArraySlice<UInt8>) -> Int {
    let from = Array("From ".utf8)
    var i = bytes.startIndex
    while i < bytes.endIndex {
      if bytes[i] == 0 { return i - bytes.startIndex }
      if bytes[i] == UInt8(ascii: "\n"), bytes.endIndex - i >= 6, Array(bytes[(i + 1)..<(i + 6)]) == from {
        return i - bytes.startIndex
      }
      i += 1
    }
    return bytes.count
  }

  /// The search's answer, the same by every method (the one the scan
  /// uses, and each by name), or -1 when they disagree.
  private func search(_ bytes: ArraySlice<UInt8>) -> Int {
    bytes.withUnsafeBytes { raw in
      let answers = [cshims_mbox_body_stop(raw.baseAddress, raw.count)]
        + (0...2).map { cshims_mbox_body_stop_using(raw.baseAddress, raw.count, Int32($0)) }
      return Set(answers).count == 1 ? answers[0] : -1
    }
  }

  func testAgreesWithAByteAtATimeReadingOnRandomBodies() {
    // Bytes that make near misses likely: LF + F without "rom ", "From"
    // without the LF, a separator cut by the end of the range, NULs.
    let alphabet = Array("\nFrom xa\r".utf8) + [0]
    var generator = SystemRandomNumberGenerator()
    var stops = 0
    for trial in 0..<20_000 {
      let count = Int.random(in: 0...160, using: &generator)
      var bytes = (0..<count).map { _ in
        Bool.random(using: &generator) ? UInt8(ascii: "a") : alphabet.randomElement(using: &generator)!
      }
      if trial % 3 == 0, count > 0 {
        // Mostly text with one planted separator or NUL.
        bytes = [UInt8](repeating: UInt8(ascii: "a"), count: count)
        let at = Int.random(in: 0..<count, using: &generator)
        let plant: [UInt8] = trial % 2 == 0 ? Array("\nFrom ".utf8) : [0]
        for (k, byte) in plant.enumerated() where at + k < count { bytes[at + k] = byte }
      }
      let start = count == 0 ? 0 : Int.random(in: 0..<min(count, 40), using: &generator)
      let slice = bytes[start...]
      let expected = reference(slice)
      if expected < slice.count { stops += 1 }
      XCTAssertEqual(search(slice), expected, "bytes \(bytes) from \(start)")
      if search(slice) != expected { return }
    }
    XCTAssertGreaterThan(stops, 5_000, "the trials must exercise stops, not only their absence")
  }

  func testFindsAStopAtEveryPositionOfALongBody() {
    for position in 0..<100 {
      for plant in [Array("\nFrom ".utf8), [0], Array("\nFrom".utf8)] {
        var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 100)
        for (k, byte) in plant.enumerated() where position + k < bytes.count { bytes[position + k] = byte }
        XCTAssertEqual(search(bytes[...]), reference(bytes[...]), "\(plant) at \(position)")
      }
    }
    // A separator whose "From " is cut by the end of the range is not one.
    XCTAssertEqual(search(Array("text\nFrom".utf8)[...]), 9)
  }
}
