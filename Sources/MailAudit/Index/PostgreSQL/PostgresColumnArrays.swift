import NIOCore
import PostgresNIO

/// One column of many rows as one array parameter: `unnest($1::bigint[],
/// $2::text[], ...)` turns such columns back into rows on the server. One
/// statement per batch rather than per row is what keeps a server index
/// near SQLite's speed: the server parses and plans once, and the client
/// pays one round trip.
///
/// Values are written straight into one buffer in PostgreSQL's binary
/// array format as they are appended. postgres-nio's `PostgresData(array:)`
/// wants a `PostgresData`, each with its own buffer, per element, and
/// building each column from its own pass over a batch copied every message
/// once per column: together 8.7 µs a message, a third of a scanner's CPU,
/// while the server waited for the batch's first part.
struct PostgresArrayColumn {
  private var buffer: ByteBuffer
  private let element: PostgresDataType
  private let arrayType: PostgresDataType
  private(set) var count = 0
  /// Where the header's length goes (see ``data``).
  private static let header = 20

  /// An array of `text`, `int8` or `bool`.
  init(of element: PostgresDataType, reservingBytes bytes: Int = 0) {
    precondition([.text, .int8, .bool].contains(element), "no array column of \(element)")
    self.element = element
    arrayType = element == .text ? .textArray : element == .int8 ? .int8Array : .boolArray
    buffer = ByteBufferAllocator().buffer(capacity: Self.header + bytes)
    buffer.moveWriterIndex(forwardBy: Self.header)
  }

  mutating func append(_ text: String?) {
    count += 1
    guard let text else {
      buffer.writeInteger(Int32(-1))
      return
    }
    let lengthAt = buffer.writerIndex
    buffer.writeInteger(Int32(0))
    let length = buffer.writeString(text)
    buffer.setInteger(Int32(length), at: lengthAt)
  }

  mutating func append(_ number: Int64?) {
    count += 1
    guard let number else {
      buffer.writeInteger(Int32(-1))
      return
    }
    buffer.writeInteger(Int32(8))
    buffer.writeInteger(number)
  }

  mutating func append(_ flag: Bool) {
    count += 1
    buffer.writeInteger(Int32(1))
    buffer.writeInteger(UInt8(flag ? 1 : 0))
  }

  /// The array: one dimension of `count` elements from 1, no-null flag 0
  /// (the server works it out); an empty array has no dimension.
  var data: PostgresData {
    var array = buffer
    if count == 0 {
      array = ByteBufferAllocator().buffer(capacity: 12)
      array.writeInteger(Int32(0))
      array.writeInteger(Int32(0))
      array.writeInteger(element.rawValue)
    } else {
      array.setInteger(Int32(1), at: 0)
      array.setInteger(Int32(0), at: 4)
      array.setInteger(element.rawValue, at: 8)
      array.setInteger(Int32(count), at: 12)
      array.setInteger(Int32(1), at: 16)
    }
    return PostgresData(type: arrayType, formatCode: .binary, value: array)
  }
}

extension PostgresData {
  /// A `text[]`; nil elements are NULL.
  static func texts(_ values: [String?]) -> PostgresData {
    var column = PostgresArrayColumn(of: .text, reservingBytes: values.count * 24)
    for value in values { column.append(value) }
    return column.data
  }

  /// A `bigint[]`; nil elements are NULL.
  static func bigints(_ values: [Int64?]) -> PostgresData {
    var column = PostgresArrayColumn(of: .int8, reservingBytes: values.count * 12)
    for value in values { column.append(value) }
    return column.data
  }

  /// A `bigint[]` of `Int`s.
  static func bigints(_ values: [Int]) -> PostgresData {
    var column = PostgresArrayColumn(of: .int8, reservingBytes: values.count * 12)
    for value in values { column.append(Int64(value)) }
    return column.data
  }

  /// A `boolean[]`.
  static func bools(_ values: [Bool]) -> PostgresData {
    var column = PostgresArrayColumn(of: .bool, reservingBytes: values.count * 5)
    for value in values { column.append(value) }
    return column.data
  }
}
