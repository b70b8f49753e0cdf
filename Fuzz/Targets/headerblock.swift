// libFuzzer entry: the header-block slicer and everything MessageHeaders
// parses from it (addresses, dates, ids, encoded words), from raw header bytes.
// The input is also fed to HeaderBlockCollector in pieces whose sizes come
// from the first byte, to reach its piece-boundary states (a CR at the end of
// a piece).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHeaderBlock(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let location = MessageLocation(format: .single, mailbox: "fuzz", file: "fuzz")
  let headers = MessageHeaders(parsing: RawMessage(location: location, header: bytes))
  _ = headers.problems.count
  var collector = HeaderBlockCollector(limit: 4096)
  let step = max(1, Int(bytes.first ?? 1) % 17)
  var start = 0
  bytes.withUnsafeBytes { all in
    while start < all.count {
      let end = min(all.count, start + step)
      let result = collector.feed(UnsafeRawBufferPointer(rebasing: all[start..<end]))
      precondition(result.consumed <= end - start, "collector consumed more than it was given")
      start += result.consumed
      if result.finished { _ = collector.take() }
      if result.consumed == 0 { break }
    }
  }
  // The collector keeps at most its limit; take() then puts U+FFFD (three
  // bytes) for each control byte it replaces, two more bytes each.
  let taken = collector.take()
  precondition(
    taken.header.count <= 4096 + 2 * (taken.controlBytes?.count ?? 0), "collector kept more than its limit")
  return 0
}
