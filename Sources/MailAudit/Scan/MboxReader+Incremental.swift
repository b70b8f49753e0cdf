import MailParsing

extension MboxReader: IncrementalSource {
  /// A gzipped mbox cannot be resumed at an offset: it is read whole unless
  /// unchanged.
  var readsIncrementally: Bool { compression == .none }

  /// Unchanged, skipped; grown, read from where the last scan stopped;
  /// rewritten, read again with its old locations marked gone until found
  /// again. Read up to its size at this moment (the snapshot point).
  func read(into run: inout ScanRun) throws {
    guard let snapshot = FileSnapshot.take(path) else {
      try forEachEvent { _ in }  // throws the located open error
      return
    }
    var start: UInt64 = 0
    switch snapshot.change(since: try run.index.sourceState(path: path)) {
    case .unchanged: return
    case .new: break
    case .grown(let from): start = from
    case .rewritten: try run.index.markLocationsGone(inFile: path, runId: run.runId)
    }
    try run.flush()
    var resumeOffset = start
    let reader = MboxReader(path: path, mailbox: mailbox, startOffset: start, endOffset: snapshot.size)
    try reader.forEachEvent { event in
      if case .message(let raw) = event {
        resumeOffset = max(resumeOffset, raw.location.offset + (raw.location.length ?? 0))
      }
      run.add(event)
      if run.batchFull {
        try run.flush(state: snapshot.state(path: path, resumeOffset: resumeOffset, complete: false), overlapping: true)
        if run.shouldStop() { throw ScanStop() }
      }
    }
    try run.flush(state: snapshot.state(path: path, resumeOffset: snapshot.size, complete: true))
    if run.shouldStop() { throw ScanStop() }
  }
}
