extension String {
  /// The bytes as text when they are well-formed UTF-8 (no overlong forms,
  /// surrogates or truncated sequences); nil otherwise.
  ///
  /// The standard library's `String(validating:as:)` needs macOS 15; this
  /// works wherever the package builds.
  init?<C: Collection>(validUTF8 bytes: C) where C.Element == UInt8 {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    decoding: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue: continue
      case .emptyInput: break decoding
      case .error: return nil
      }
    }
    self = String(decoding: bytes, as: UTF8.self)
  }
}
