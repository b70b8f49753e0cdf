// fuzz-sources: Sources/MailIMAP/IMAPResponse.swift Sources/MailIMAP/IMAPSpecialUse.swift Sources/MailIMAP/IMAPFolderAddress.swift Sources/MailIMAP/IMAPError.swift Sources/MailIMAP/SASLMechanism.swift
// fuzz-seeds: Tests/MailIMAPTests/IMAPResponseTests.swift Tests/MailIMAPTests/IMAPSpecialUseTests.swift Tests/MailIMAPTests/IMAPFolderAddressTests.swift
//
// libFuzzer entry: what MailIMAP reads from a server and from the command
// line, without NIO (SASLMechanism.swift only for the types the address
// and error name). The input is read three ways: as one response frame
// (tagged, untagged, continuation) through every untagged reading (UIDVALIDITY,
// SEARCH, CAPABILITY, BYE, FETCH, LIST and the Sent-folder choice); as a
// folder name in modified UTF-7; and, split at its first two line feeds, as
// an `imap://` address, a user and a folder.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIMAP(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  guard let data else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let text = String(decoding: bytes, as: UTF8.self)
  responses(bytes)
  folderNames(text)
  addresses(text)
  return 0
}

private func responses(_ bytes: [UInt8]) {
  if case .untagged(let rest)? = IMAPResponse(frame: bytes) {
    precondition(rest.count == bytes.count - 2, "untagged data is the frame after '* '")
  }
  _ = IMAPUntagged.uidValidity(bytes)
  if let numbers = IMAPUntagged.searchResults(bytes) {
    // Each number takes a space and a digit at least.
    precondition(numbers.count <= bytes.count / 2, "more SEARCH results than the response can hold")
  }
  if let names = IMAPUntagged.capabilities(bytes) {
    precondition(names.allSatisfy { $0 == $0.uppercased() && !$0.isEmpty && !$0.contains(" ") })
  }
  _ = IMAPUntagged.isBye(bytes)
  if let message = IMAPUntagged.fetched(bytes), let header = message.header {
    precondition(header.count <= bytes.count, "a FETCH header longer than the response")
  }
  if let folder = IMAPUntagged.listed(bytes) {
    _ = folder.path
    _ = folder.has("\\Sent")
    if let chosen = IMAPSentFolder.choose(from: [folder, folder]) {
      precondition(chosen.folder == folder)
      precondition(!folder.has("\\Noselect") && !folder.has("\\NonExistent"), "an unopenable folder chosen")
    }
  }
}

private func folderNames(_ text: String) {
  // Whatever a name is, encoding it gives text that decodes back to it.
  let encoded = ModifiedUTF7.encode(text)
  precondition(encoded.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value <= 0x7E }, "encode left non-ASCII")
  precondition(ModifiedUTF7.decode(encoded) == text, "modified UTF-7 does not round-trip")
  // And a name a server sent, once decoded, encodes to one that decodes alike.
  if let decoded = ModifiedUTF7.decode(text) {
    precondition(ModifiedUTF7.decode(ModifiedUTF7.encode(decoded)) == decoded)
  }
}

private func addresses(_ text: String) {
  let parts = text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
  let url = parts[0]
  // No error names a password given in the address (IMAPError's promise):
  // `:password@` may appear in it no more often than the input has it
  // outside the user part (`imap://u:pw@h/u:pw@h`, a folder, is fine).
  // URLComponents percent-encodes what it reads (a space), so the password
  // is looked for both as it gives it and decoded.
  let encoded = URLComponents(string: url)?.percentEncodedPassword
  let secrets = [encoded, encoded?.removingPercentEncoding].compactMap { $0.map { ":\($0)@" } }
  func checkSecretKept(_ error: IMAPError) {
    guard let description = error.errorDescription else { return }
    for secret in secrets {
      func count(_ text: String) -> Int { text.components(separatedBy: secret).count - 1 }
      precondition(count(description) < max(1, count(url)), "an IMAPError shows the password")
    }
  }
  for startTLS in [false, true] {
    do {
      let address = try IMAPFolderAddress(url: url, startTLS: startTLS)
      precondition((1...65535).contains(address.port) && !address.user.isEmpty && !address.folder.isEmpty)
      precondition(address.folderURL.hasPrefix("imap://"))
      // The identity of a folder never keeps how it was signed in to (in
      // the user part: a host may hold any text URLComponents lets by).
      let authority = address.folderURL.dropFirst("imap://".count).prefix { $0 != "/" }
      let userPart = authority[..<(authority.lastIndex(of: "@") ?? authority.startIndex)]
      precondition(userPart.range(of: ";AUTH=", options: .caseInsensitive) == nil, "folderURL keeps ;AUTH=")
      _ = (address.account, address.server)
      if parts.count > 2, !parts[2].isEmpty, let other = try? address.with(folder: parts[2]) {
        precondition(other.folder == parts[2] && other.user == address.user)
      }
    } catch let error as IMAPError {
      checkSecretKept(error)
    } catch {
      preconditionFailure("IMAPFolderAddress threw \(error)")
    }
  }
  let server: IMAPServerAddress
  do {
    server = try IMAPServerAddress(url: url)
  } catch let error as IMAPError {
    return checkSecretKept(error)
  } catch {
    preconditionFailure("IMAPServerAddress threw \(error)")
  }
  precondition(server.folder.map { !$0.isEmpty } ?? true)
  guard parts.count > 2, !parts[1].isEmpty, !parts[2].isEmpty else { return }
  // A user and a folder found by LIST give the address the user would have
  // typed: the same user and folder come back out of it.
  if let address = try? IMAPFolderAddress(user: parts[1], server: server, folder: parts[2]) {
    precondition(address.user == parts[1], "the user changed on the way through the URL")
    precondition(address.folder == parts[2], "the folder changed on the way through the URL")
  }
}
