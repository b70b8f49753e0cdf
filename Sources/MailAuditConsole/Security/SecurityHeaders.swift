import HTTPTypes
import Hummingbird

/// Adds the console's response headers to every answer, error pages
/// included, and turns failures into pages in the reader's language.
struct SecurityHeaders: RouterMiddleware {
  typealias Context = ConsoleContext

  /// Only our own files: no inline script or style, no other site, no
  /// framing, forms posted to ourselves only.
  static let contentSecurityPolicy =
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

  let console: Console

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    var response: Response
    do {
      response = try await next(request, context)
    } catch let failure as ConsoleFailure {
      response = console.errorPage(failure, request: request)
    } catch let error as HTTPError {
      response = console.errorPage(
        ConsoleFailure(status: error.status, reason: error.status == .notFound ? "notFound" : "failed"),
        request: request)
    } catch {
      context.logger.error("console: \(error)")
      response = console.errorPage(
        ConsoleFailure(status: .internalServerError, reason: "failed", values: ["reason": "\(error)"]),
        request: request)
    }
    response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
    response.headers[.cacheControl] = "no-store"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.referrerPolicy] = "no-referrer"
    response.headers[.xFrameOptions] = "DENY"
    return response
  }
}

extension HTTPField.Name {
  // swift-format-ignore: NeverForceUnwrap
  // Literal, valid field names: the initialiser fails only on bad tokens.
  static let referrerPolicy = Self("Referrer-Policy")!
  // swift-format-ignore: NeverForceUnwrap
  static let xFrameOptions = Self("X-Frame-Options")!
}
