extension String {
  /// Calls `body` with the string's UTF-8 bytes: read in place for a native
  /// string, from a contiguous copy otherwise (`withUTF8` alone needs a
  /// mutable string, so it copies even a native one's storage reference).
  /// What the index binds, and what the tables hash and compare, so that
  /// one text gives the same bytes however it is stored.
  func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
    var contiguous = self
    return try contiguous.withUTF8(body)
  }
}
