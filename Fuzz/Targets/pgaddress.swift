// fuzz-sources: Sources/MailAudit/Index/PostgreSQL/PostgresIndexAddress.swift
// fuzz-seeds: Tests/MailAuditTests/Index/PostgresIndexTests.swift Tests/MailAuditTests/Index/PostgresStoreEquivalenceTests.swift
//
// libFuzzer entry: the PostgreSQL index address and pgpass lines. The
// input's first line is read as a `postgresql://` address, under an empty
// environment and under one that sets every PG variable the address falls
// back to; the whole input is read as a pgpass file for that address and
// for a fixed one (so the seeds' pgpass texts meet an address they name).
import Foundation

private let environments: [[String: String]] = [
  [:],
  ["PGUSER": "envuser", "PGHOST": "/run/postgresql", "PGPORT": "5433", "PGSSLMODE": "require"],
]
private let fixed = try? PostgresIndexAddress(url: "postgresql://scanner@db.example:5432/audit", environment: [:])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPostgresAddress(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let url = String(text.prefix { !$0.isNewline })
  var parsed: [PostgresIndexAddress] = fixed.map { [$0] } ?? []
  for environment in environments {
    if let address = address(url, environment) { parsed.append(address) }
  }
  for address in parsed { passwords(text, address) }
  return 0
}

/// The address of `url`, checked; nil when it is refused.
private func address(_ url: String, _ environment: [String: String]) -> PostgresIndexAddress? {
  let components = URLComponents(string: url)
  // The secrets the address may carry: after `user:` and as libpq's
  // `password` parameter. Neither may reach an address or an error more
  // often than the input has the same text elsewhere (`/u:pw@h` in a
  // database name is no password).
  var secrets: [String] = []
  // URLComponents percent-encodes what it reads (a space), so each is
  // looked for both as it gives it and decoded.
  if let password = components?.percentEncodedPassword {
    secrets += [password, password.removingPercentEncoding ?? password].map { ":\($0)@" }
  }
  for item in components?.percentEncodedQueryItems ?? [] where item.name == "password" {
    if let value = item.value, !value.isEmpty {
      secrets += [value, value.removingPercentEncoding ?? value].map { "password=\($0)" }
    }
  }
  do {
    let address = try PostgresIndexAddress(url: url, environment: environment)
    precondition(components?.password == nil, "an address kept a password")
    precondition((1...65535).contains(address.port) && !address.database.isEmpty)
    precondition(!shows(address.description, secrets, url), "the address's description shows a password")
    _ = address.isSocket
    return address
  } catch let error as PostgresIndexError {
    let description = error.errorDescription ?? ""
    precondition(!shows(description, secrets, url), "an error shows the password: \(description)")
    return nil
  } catch {
    preconditionFailure("PostgresIndexAddress threw \(error)")
  }
}

private func shows(_ text: String, _ secrets: [String], _ url: String) -> Bool {
  func count(_ secret: String, _ text: String) -> Int { text.components(separatedBy: secret).count - 1 }
  return secrets.contains { count($0, text) >= max(1, count($0, url)) }
}

/// pgpass escaping, as libpq reads it: `\` before `:` and `\`; and before
/// a leading `#`, which would make the line a comment.
private func escaped(_ field: String) -> String {
  var out = ""
  for scalar in field.unicodeScalars {
    if scalar == ":" || scalar == "\\" || (out.isEmpty && scalar == "#") { out.unicodeScalars.append("\\") }
    out.unicodeScalars.append(scalar)
  }
  return out
}

private func passwords(_ text: String, _ address: PostgresIndexAddress) {
  let found = PostgresPassword.lookup(in: text, for: address)
  if let found {
    // The first matching line wins, whatever follows.
    precondition(PostgresPassword.lookup(in: text + "\n*:*:*:*:other", for: address) == found)
  }
  // A line written for the address, its fields escaped, gives its password
  // back; a line of wildcards too. The password is the input's last line.
  let password = String(text.split(whereSeparator: \.isNewline).last ?? "")
  let host = address.isSocket ? "localhost" : address.host
  let fields = [host, String(address.port), address.database, address.user, password]
  guard !fields.contains(where: { $0.contains(where: \.isNewline) }) else { return }
  let line = fields.map(escaped).joined(separator: ":")
  precondition(PostgresPassword.lookup(in: line, for: address) == password, "a line for the address does not match it")
  precondition(PostgresPassword.lookup(in: "#\n*:*:*:*:" + escaped(password), for: address) == password)
}
