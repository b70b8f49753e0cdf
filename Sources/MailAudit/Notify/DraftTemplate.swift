import Foundation

/// The editable text follow-up drafts are made from: header lines
/// (`Subject:`, `To:`...), a blank line, then the body, with `{{name}}`
/// placeholders. `mailaudit init` writes the default Japanese and English
/// ones next to `mailaudit.toml` for the officer to edit.
public struct DraftTemplate: Sendable, Equatable {
  /// The headers a template may set. Anything else (Content-Type, Date,
  /// Message-ID...) is mailaudit's to write, so that the draft stays
  /// correct MIME.
  public static let allowedHeaders = ["from", "to", "cc", "bcc", "reply-to", "subject"]
  /// The placeholders a template may use.
  public static let placeholders = [
    "recipient", "recipient_name", "recipient_address", "greeting", "message_subject", "message_date",
    "organisation", "contact", "sender",
  ]

  /// Header lines in order: lower-case name, value with placeholders.
  public var headers: [(name: String, value: String)]
  public var body: String

  public static func == (a: DraftTemplate, b: DraftTemplate) -> Bool {
    a.body == b.body && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
  }

  /// Reads a template's text.
  /// - Throws: ``NotifyError/template(line:reason:)`` for a header mailaudit
  ///   does not let a template set, an unknown placeholder, or no Subject.
  public init(text: String) throws {
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    var headers: [(name: String, value: String)] = []
    var i = 0
    while i < lines.count, !lines[i].trimmingCharacters(in: .whitespaces).isEmpty {
      let line = lines[i]
      if line.first == " " || line.first == "\t", !headers.isEmpty {
        headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
      } else {
        guard let colon = line.firstIndex(of: ":") else {
          throw NotifyError.template(line: i + 1, reason: "expected a header line such as 'Subject: ...' before the blank line")
        }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        guard Self.allowedHeaders.contains(name) else {
          throw NotifyError.template(
            line: i + 1, reason: "a template may set \(Self.allowedHeaders.joined(separator: ", ")), not '\(name)'")
        }
        headers.append((name, line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
      }
      i += 1
    }
    guard headers.contains(where: { $0.name == "subject" }) else {
      throw NotifyError.template(line: 1, reason: "the template has no Subject line")
    }
    self.headers = headers
    body = lines.dropFirst(i + 1).joined(separator: "\n")
    for (n, line) in lines.enumerated() {
      for name in Self.names(in: line) where !Self.placeholders.contains(name) {
        throw NotifyError.template(
          line: n + 1, reason: "unknown placeholder {{\(name)}}; use \(Self.placeholders.map { "{{\($0)}}" }.joined(separator: ", "))")
      }
    }
  }

  /// The built-in template of `language` (`Resources/notify/<code>.txt`),
  /// English when that language has none.
  public static func builtInText(_ language: Language) throws -> String {
    for code in [language.code, Language.english.code] {
      if let url = Bundle.module.url(forResource: code, withExtension: "txt", subdirectory: "Resources/notify") {
        return try String(contentsOf: url, encoding: .utf8)
      }
    }
    throw NotifyError.template(line: 0, reason: "no built-in template in the package resources")
  }

  static func names(in text: String) -> [String] {
    var out: [String] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      out.append(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
      rest = rest[close.upperBound...]
    }
    return out
  }

  /// `text` with every `{{name}}` replaced by `values[name]`.
  static func fill(_ text: String, _ values: [String: String]) -> String {
    var out = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      out += rest[..<open.lowerBound]
      let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      out += values[name] ?? ""
      rest = rest[close.upperBound...]
    }
    return out + rest
  }
}

/// Why follow-up drafts cannot be made.
public enum NotifyError: LocalizedError, Equatable {
  case template(line: Int, reason: String)
  /// The drafts would show addresses to other parties: nothing was written.
  case unsafe(drafts: Int, firstFile: String, reason: String)
  case noSender(incident: String)

  public var errorDescription: String? {
    switch self {
    case .template(let line, let reason): "draft template, line \(line): \(reason)"
    case .unsafe(let count, let file, let reason):
      "refused: \(count) draft\(count == 1 ? "" : "s") would show addresses to other parties (first: \(file): \(reason)); nothing was written"
    case .noSender(let id): "incident \(id) has no readable sender to send the follow-up from"
    }
  }
}
