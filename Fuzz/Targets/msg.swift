// libFuzzer entry: the Compound File reader and the .msg reader, from bytes
// in memory (MemoryBytes, the same code path as a file read with pread).
// Reads the item as MsgReader does (properties, recipients, the header block
// and the transport-header cross-check through MessageHeaders), then walks
// every storage of the directory and reads every stream of up to 64 KiB, so
// attachment and embedded-message storages are exercised too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMsg(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let source = MemoryBytes(Array(UnsafeBufferPointer(start: data, count: size)))
  let events = MsgReader.events(MsgReader.read(source, path: "fuzz"), path: "fuzz")
  var messages = 0
  for event in events {
    switch event {
    case .message(let raw):
      messages += 1
      _ = MessageHeaders(parsing: raw).problems.count
    case .problem(let problem):
      if problem.kind == .damagedOutlookFile {
        precondition(problem.offset.map { $0 <= UInt64(size) + 4096 } ?? false, "damage offset outside the data")
      }
    }
  }
  precondition(messages <= 1, "one .msg gave \(messages) messages")
  guard let file = try? CompoundFile(source) else { return 0 }
  for (id, entry) in file.entries.enumerated() where entry.type == .storage || entry.type == .root {
    guard let children = try? file.children(of: UInt32(id)) else { continue }
    precondition(children.count < file.entries.count, "a storage with more children than entries")
    for child in children where child.entry.type == .stream {
      if let bytes = try? file.read(child.entry, limit: 1 << 16) {
        precondition(UInt64(bytes.count) == child.entry.size, "a stream read to the wrong length")
      }
    }
  }
  return 0
}
