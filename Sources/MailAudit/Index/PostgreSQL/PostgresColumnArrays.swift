import PostgresNIO

/// Array parameters for writing many rows in one statement: each column of
/// the rows is one array, and `unnest($1::bigint[], $2::text[], ...)` turns
/// them back into rows on the server. One statement per batch rather than
/// per row is what keeps a server index near SQLite's speed: the server
/// parses and plans once, and the client pays one round trip.
extension PostgresData {
  /// A `text[]`; nil elements are NULL.
  static func texts(_ values: [String?]) -> PostgresData {
    PostgresData(array: values.map { $0.map { PostgresData(string: $0) } }, elementType: .text)
  }

  /// A `bigint[]`; nil elements are NULL.
  static func bigints(_ values: [Int64?]) -> PostgresData {
    PostgresData(array: values.map { $0.map { PostgresData(int64: $0) } }, elementType: .int8)
  }

  /// A `bigint[]` of `Int`s.
  static func bigints(_ values: [Int]) -> PostgresData {
    bigints(values.map { Int64($0) })
  }

  /// A `boolean[]`.
  static func bools(_ values: [Bool]) -> PostgresData {
    PostgresData(array: values.map { PostgresData(bool: $0) }, elementType: .bool)
  }
}
