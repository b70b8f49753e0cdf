// fuzz-sources: Sources/MailAuditConsole/Requests/FormBody.swift Sources/MailAuditConsole/Requests/LanguageRanges.swift
// fuzz-seeds: Tests/MailAuditConsoleTests/Requests/FormBodyTests.swift Tests/MailAuditConsoleTests/FollowUpRecordingTests.swift Tests/MailAuditConsoleTests/AccessTests.swift
//
// libFuzzer entry: what the console reads from a request, as the form body
// or query string it is (`FormBody`) and as an `Accept-Language` header
// (`LanguageRanges`, the parse AcceptLanguage does before it looks for a
// catalogue).
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForm(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  form(text)
  languages(text)
  return 0
}

private func isHex(_ byte: UInt8) -> Bool {
  (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
}

/// The decoding FormBody documents, written out: `+` a space, `%` and two
/// hex digits a byte, anything else (a malformed escape too) as it is.
private func reference(_ text: Substring) -> String {
  let utf8 = Array(text.utf8)
  var bytes: [UInt8] = []
  var i = 0
  while i < utf8.count {
    if utf8[i] == UInt8(ascii: "+") {
      bytes.append(0x20)
    } else if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count, isHex(utf8[i + 1]), isHex(utf8[i + 2]),
      let byte = UInt8(String(decoding: utf8[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
    {
      bytes.append(byte)
      i += 2
    } else {
      bytes.append(utf8[i])
    }
    i += 1
  }
  return String(decoding: bytes, as: UTF8.self)
}

private func encoded(_ text: String) -> String {
  let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
  return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
}

private func form(_ text: String) {
  let form = FormBody(text)
  let parts = text.split(separator: "&", omittingEmptySubsequences: false)
  precondition(form.fields.count <= parts.count, "more fields than '&'-separated parts")
  let pairs = parts.filter { !$0.isEmpty }
  precondition(form.fields.count == pairs.count)
  for (field, pair) in zip(form.fields, pairs) {
    let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    precondition(field.name == reference(halves[0]), "name decoded otherwise than documented: \(halves[0])")
    precondition(field.value == (halves.count > 1 ? reference(halves[1]) : ""), "value decoded otherwise than documented")
    precondition(form[field.name] == form.all(field.name).first)
  }
  // What a browser would send for these fields reads back as them.
  let again = FormBody(form.fields.map { encoded($0.name) + "=" + encoded($0.value) }.joined(separator: "&"))
  precondition(again == form, "a form does not survive encoding")
}

private func languages(_ header: String) {
  let ranges = LanguageRanges.ordered(header)
  precondition(ranges.count <= header.split(separator: ",", omittingEmptySubsequences: false).count)
  for (range, next) in zip(ranges, ranges.dropFirst()) {
    precondition(range.quality >= next.quality, "ranges out of quality order: \(ranges)")
  }
  for range in ranges {
    precondition(range.quality > 0 && !range.tag.isEmpty && !range.tag.contains(","))
  }
}
