/// Size limits the mailbox readers enforce, so one broken file cannot make a
/// scan use unbounded memory.
public enum MailboxLimits {
  /// Largest header block kept for one message: 8 MiB.
  ///
  /// Real header blocks are a few KiB; the largest seen in the test corpora
  /// (a To field of 2,700 encoded words) is about 100 KiB, but a mis-sent
  /// mailing to 100,000 people carries a To field of 2-3 MB, and that is
  /// exactly the message an audit must count in full. Past this limit
  /// the header is cut, ``RawMessage/headerTruncated`` is set and a
  /// ``Problem/Kind/headerTooLarge`` problem is emitted; reading goes on.
  public static let maxHeaderBytes = 8 << 20
}
