import Foundation

/// The rows of the messages a first scan has stored, found by their keys,
/// while the unique index of keys is away (see
/// ``IndexSchema/messageKeyIndex``): the scan must still store a message met
/// twice (in two mailboxes, or twice in one) once, as the index made it do.
///
/// Each slot keeps 64 bits of a key's hash beside its message's row. A key
/// whose bits match is read back from that row and compared byte for byte,
/// as SQLite compares keys, so the table decides exactly as the index did,
/// even about a row a failed batch took back. It holds at most ``limit``
/// keys (4 MiB of slots): past that the scan builds the index and goes on
/// as any later scan does, so memory does not follow the mailbox's size.
struct MessageKeyRows {
  /// Keys held at most: three quarters of 2^18 slots.
  static let limit = 3 << 16

  /// 64 bits of each key's hash, by slot.
  private var hashes: [UInt64]
  /// Each key's message row, by slot; 0 in an empty slot (rows start at 1).
  private var rows: [Int64]
  /// How many keys are held.
  private(set) var count = 0

  init() {
    hashes = [UInt64](repeating: 0, count: 1024)
    rows = [Int64](repeating: 0, count: 1024)
  }

  /// The hash the table files `key` under: of its UTF-8 bytes, which SQLite
  /// compares (two keys canonically equivalent as `String`s are two keys).
  /// `Hasher` is seeded per process: keys from a mailbox cannot be chosen
  /// to fall on one slot.
  static func hash(_ key: String) -> UInt64 {
    var hasher = Hasher()
    key.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    return UInt64(bitPattern: Int64(hasher.finalize()))
  }

  /// The row stored under `key` (whose ``hash(_:)`` is `hash`), or nil;
  /// `storedKey` reads the key of a row (nil for a row not there).
  func row(of key: String, hash: UInt64, storedKey: (Int64) throws -> String?) rethrows -> Int64? {
    let mask = rows.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while rows[i] != 0 {
      if hashes[i] == hash, let stored = try storedKey(rows[i]), stored.utf8.elementsEqual(key.utf8) {
        return rows[i]
      }
      i = (i + 1) & mask
    }
    return nil
  }

  /// Files `row` under a key whose ``hash(_:)`` is `hash`.
  mutating func insert(hash: UInt64, row: Int64) {
    place(hash: hash, row: row)
    count += 1
    if count * 4 > rows.count * 3 { grow() }
  }

  private mutating func place(hash: UInt64, row: Int64) {
    let mask = rows.count - 1
    var i = Int(truncatingIfNeeded: hash) & mask
    while rows[i] != 0 { i = (i + 1) & mask }
    hashes[i] = hash
    rows[i] = row
  }

  /// Doubles the slots, each key placed again by the hash it keeps.
  private mutating func grow() {
    let (oldHashes, oldRows) = (hashes, rows)
    hashes = [UInt64](repeating: 0, count: oldRows.count * 2)
    rows = [Int64](repeating: 0, count: oldRows.count * 2)
    for i in oldRows.indices where oldRows[i] != 0 { place(hash: oldHashes[i], row: oldRows[i]) }
  }
}

/// The ``MessageKeyRows`` of a first scan running on this index: set when
/// its run begins, taken by each batch's transaction and handed back after
/// it, ended when its index is built. Those all run on the index's writer,
/// one at a time; the lock is for the compiler's sake and costs nothing.
final class FirstScanKeys: @unchecked Sendable {
  private let lock = NSLock()
  private var rows: MessageKeyRows?
  private var keyLimit = MessageKeyRows.limit
  private var statementRows = FirstScanBatch.chunk

  /// Keys held at most before the index is built: ``MessageKeyRows/limit``,
  /// less in tests, to reach it.
  var limit: Int {
    get { lock.withLock { keyLimit } }
    set { lock.withLock { keyLimit = newValue } }
  }

  /// Rows a first scan's batch writes to a statement
  /// (``FirstScanBatch/chunk``; 1 in tests, to compare with).
  var rowsPerStatement: Int {
    get { lock.withLock { statementRows } }
    set { lock.withLock { statementRows = newValue } }
  }

  /// The keys, leaving none until ``restore(_:)``.
  func take() -> MessageKeyRows? {
    lock.withLock {
      defer { rows = nil }
      return rows
    }
  }

  func restore(_ rows: MessageKeyRows?) {
    lock.withLock { self.rows = rows }
  }
}
