// libFuzzer entry: the mbox splitter, fed in regions that overlap by
// MboxSplitter.carryLength bytes as MboxReader feeds it, with a region size
// taken from the first byte so separators and CRLFs fall across boundaries.
// Each body search method (AVX2, SSE2, memchr) is checked against a
// byte-at-a-time reading from every start in the first 64 bytes, so every
// alignment is tried.
import CShims

/// The first NUL or LF of a whole `\nFrom ` in `bytes`, byte at a time.
func bodyStopByBytes(_ bytes: UnsafeRawBufferPointer) -> Int {
  for i in 0..<bytes.count {
    if bytes[i] == 0 { return i }
    if bytes[i] == 0x0A, bytes.count - i >= 6, bytes[(i + 1)..<(i + 6)].elementsEqual("From ".utf8) { return i }
  }
  return bytes.count
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMbox(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let regionSize = MboxSplitter.carryLength + 1 + Int(bytes.first ?? 0) % 64
  var splitter = MboxSplitter(file: "fuzz", mailbox: "fuzz")
  var messages = 0
  let count = { (event: MailboxEvent) in
    if case .message(let raw) = event {
      messages += 1
      _ = MessageHeaders(parsing: raw).to.count
    }
  }
  bytes.withUnsafeBytes { all in
    for start in 0..<min(all.count, 64) {
      let rest = UnsafeRawBufferPointer(rebasing: all[start...])
      let expected = bodyStopByBytes(rest)
      for method in Int32(0)...2 {
        precondition(
          cshims_mbox_body_stop_using(rest.baseAddress, rest.count, method) == expected,
          "body search method \(method) disagrees with the byte-at-a-time reading")
      }
    }
    var start = 0
    while start < all.count && !splitter.isStopped {
      let end = min(all.count, start + regionSize)
      splitter.consume(UnsafeRawBufferPointer(rebasing: all[start..<end]), regionStart: start, count)
      if end == all.count { break }
      start = end - MboxSplitter.carryLength
    }
  }
  splitter.finish(at: bytes.count, count)
  precondition(messages <= bytes.count / 5 + 1, "more messages than `From ` lines could hold")
  return 0
}
