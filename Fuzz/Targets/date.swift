// libFuzzer entry: the Date parser (RFC 5322 and the broken forms in the
// wild), and the ISO 8601 rendering of whatever it accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let date = DateParser.parse(bytes) { _ = date.iso8601 }
  return 0
}
