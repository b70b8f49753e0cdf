// libFuzzer entry: the mbox splitter, fed in regions that overlap by
// MboxSplitter.carryLength bytes as MboxReader feeds it, with a region size
// taken from the first byte so separators and CRLFs fall across boundaries.
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
