import MailParsing

/// A mailbox source that knows how to read only what is new since the last
/// scan, keeping its own progress in the store. The scan asks a source for
/// this capability and never for its format: a new format brings its own
/// conformance and the scan does not change.
protocol IncrementalSource: MailboxSource {
  /// False when this particular source cannot resume (a gzipped mbox has no
  /// byte offsets to resume at): it is then read whole unless unchanged.
  var readsIncrementally: Bool { get }
  /// Reads what is new into `run`, committing batches with the progress
  /// that lets a killed scan resume.
  func read(into run: inout ScanRun) throws
}

extension IncrementalSource {
  var readsIncrementally: Bool { true }
}
