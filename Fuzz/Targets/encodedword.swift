// libFuzzer entry: RFC 2047 encoded-word decoding (B and Q, every charset
// through iconv, ISO-2022-JP, adjacent-word joining, raw 8-bit guessing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEncodedWord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let decoded = EncodedWords.decode(bytes)
  _ = decoded.text.utf8.count
  return 0
}
