import Hummingbird

/// Why the console answers with an error page: the HTTP status and the
/// catalogue key of the sentence shown, with its values.
struct ConsoleFailure: Error, Equatable {
  var status: HTTPResponse.Status
  /// A key under `console.error.` in the catalogues.
  var reason: String
  var values: [String: String] = [:]

  static let notSignedIn = ConsoleFailure(status: .unauthorized, reason: "notSignedIn")
  static let staleToken = ConsoleFailure(status: .forbidden, reason: "staleToken")
  static let unknownSession = ConsoleFailure(status: .forbidden, reason: "unknownSession")
  static let badCSRF = ConsoleFailure(status: .forbidden, reason: "badCSRF")
  static let otherOrigin = ConsoleFailure(status: .forbidden, reason: "otherOrigin")
  static let notFound = ConsoleFailure(status: .notFound, reason: "notFound")
  static let tooLarge = ConsoleFailure(status: .contentTooLarge, reason: "tooLarge")
}
