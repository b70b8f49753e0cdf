/// A read position over a range of bytes, with checked reads and backtracking.
///
/// Every parser in MailParsing reads through a cursor instead of subscripting
/// arrays, so malformed input can end a reading early but never trap: `peek`
/// returns nil at the end, `advance` stops at the end, `restore` clamps.
public struct ByteCursor: Sendable {
  /// The bytes read; only `bytes[start..<end]` is visible.
  public let bytes: [UInt8]
  /// First visible index.
  public let start: Int
  /// One past the last visible index.
  public let end: Int
  /// Index of the next byte to read, always within `start...end`.
  public private(set) var position: Int

  /// A cursor over all of `bytes`.
  public init(_ bytes: [UInt8]) {
    self.bytes = bytes
    self.start = 0
    self.end = bytes.count
    self.position = 0
  }

  /// A cursor over `range` of `bytes`, clamped to the array.
  public init(_ bytes: [UInt8], range: Range<Int>) {
    self.bytes = bytes
    let lower = min(max(range.lowerBound, 0), bytes.count)
    let upper = min(max(range.upperBound, lower), bytes.count)
    self.start = lower
    self.end = upper
    self.position = lower
  }

  /// True when no byte is left.
  @inline(__always)
  public var isAtEnd: Bool { position >= end }

  /// Bytes left to read.
  public var remaining: Int { end - position }

  /// The next byte, without consuming it; nil at the end.
  @inline(__always)
  public func peek() -> UInt8? {
    position < end ? bytes[position] : nil
  }

  /// The byte `distance` places ahead of the next one; nil past the end.
  @inline(__always)
  public func peek(ahead distance: Int) -> UInt8? {
    let index = position + distance
    return index >= position && index < end ? bytes[index] : nil
  }

  /// Consumes and returns the next byte; nil at the end.
  @inline(__always)
  public mutating func next() -> UInt8? {
    guard position < end else { return nil }
    defer { position += 1 }
    return bytes[position]
  }

  /// Moves forward `count` bytes, stopping at the end.
  @inline(__always)
  public mutating func advance(by count: Int = 1) {
    position = min(end, position + max(0, count))
  }

  /// Consumes `byte` if it is next; says whether it did.
  @inline(__always)
  public mutating func consume(_ byte: UInt8) -> Bool {
    guard peek() == byte else { return false }
    position += 1
    return true
  }

  /// Consumes bytes while `predicate` holds.
  public mutating func skip(while predicate: (UInt8) -> Bool) {
    while position < end, predicate(bytes[position]) { position += 1 }
  }

  /// The current position, to return to with ``restore(_:)``.
  public var checkpoint: Int { position }

  /// Returns to a position taken with ``checkpoint``, clamped to the range.
  public mutating func restore(_ checkpoint: Int) {
    position = min(max(checkpoint, start), end)
  }

  /// The bytes between two positions, clamped to the visible range.
  public func slice(_ from: Int, _ to: Int) -> ArraySlice<UInt8> {
    let lower = min(max(from, start), end)
    let upper = min(max(to, lower), end)
    return bytes[lower..<upper]
  }
}
