import Foundation
import MailParsing

// mailaudit-headers PATH...
//
// Prints one JSON object per message found under each PATH (mbox files
// split, Maildir files, single files; as `mailaudit scan` finds them): where
// it is, its raw header block (base64, so a comparison tool can parse the very
// same bytes) and the visible-recipient addresses MailParsing extracts from
// To, Cc, Resent-To and Resent-Cc, normalised, with the entries it could not
// read. Conformance/compare.py runs it and compares with Python's `email`;
// Conformance/compare_msg.py compares its To/Cc/Bcc of `.msg` files with
// extract-msg's.
// It depends on MailParsing alone, so it builds in seconds.
//
// --all-folders reads every mail folder of an Outlook .pst/.ost, not only
// Sent Items (Conformance/compare_pst.py).

/// One message's extraction, as compare.py reads it.
struct MessageRecord: Encodable {
  var location: String
  var header: String
  var fields: [String: [String]]
  var unreadable: [String]
  var x500: [String]
  var problems: [String]
  /// X.500 addresses by field (`to`, `cc`, `bcc`), for Outlook items whose
  /// recipients have no SMTP address (Conformance/compare_msg.py).
  var x500Fields: [String: [String]]
  /// The reader's labels (`Drafts` for an unsent Outlook draft), if any.
  var labels: [String]?
}

/// One problem met while reading a mailbox, outside any message.
struct MailboxProblem: Encodable {
  var mailboxProblem: String
}



func emit<T: Encodable>(_ value: T) {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  guard var line = try? encoder.encode(value) else { return }
  line.append(0x0A)
  FileHandle.standardOutput.write(line)
}

func record(_ raw: RawMessage) -> MessageRecord {
  let headers = MessageHeaders(parsing: raw)
  func normalized(_ addresses: [Address]) -> [String] {
    addresses.map { $0.normalized ?? "unnormalisable:" + $0.addrSpec }
  }
  let visibleFields: Set<String> = ["to", "cc", "resent-to", "resent-cc"]
  let visible = headers.problems.filter { $0.field.map(visibleFields.contains) ?? false }
  return MessageRecord(
    location: raw.location.description,
    header: Data(raw.header).base64EncodedString(),
    fields: [
      "to": normalized(headers.to), "cc": normalized(headers.cc),
      "resent-to": normalized(headers.resentTo), "resent-cc": normalized(headers.resentCc),
      "bcc": normalized(headers.bcc),
    ],
    unreadable: visible.filter { $0.kind == .unparseableAddress }.map(\.detail),
    x500: visible.filter { $0.kind == .x500Address }.map(\.detail),
    problems: visible.map { "\($0.kind.rawValue) \($0.field ?? ""): \($0.detail)" },
    x500Fields: Dictionary(grouping: headers.problems.filter { $0.kind == .x500Address }, by: { $0.field ?? "" })
      .mapValues { $0.map(\.detail) },
    labels: raw.labels)
}

var paths = Array(CommandLine.arguments.dropFirst())
let allFolders = paths.first == "--all-folders"
if allFolders { paths.removeFirst() }
if paths.isEmpty {
  FileHandle.standardError.write(Data("usage: mailaudit-headers [--all-folders] PATH...\n".utf8))
  exit(64)
}
for path in paths {
  let found = MailboxDiscovery.sources(at: path, outlookFolders: allFolders ? .allMailFolders : .sentItems)
  for problem in found.problems { emit(MailboxProblem(mailboxProblem: "\(problem.file): \(problem.detail)")) }
  for source in found.sources {
    do {
      try source.forEachEvent { event in
        switch event {
        case .message(let raw): emit(record(raw))
        case .problem(let problem):
          emit(MailboxProblem(mailboxProblem: "\(problem.file)@\(problem.offset ?? 0): \(problem.detail)"))
        }
      }
    } catch {
      emit(MailboxProblem(mailboxProblem: "\(source.mailbox): \(error)"))
    }
  }
}
