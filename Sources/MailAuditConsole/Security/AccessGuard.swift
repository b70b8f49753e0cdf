import Hummingbird

/// Lets a request through only with a session: the printed token is
/// exchanged once for an `HttpOnly; SameSite=Strict` cookie (then a
/// redirect drops it from the address bar and the history); no credential
/// is a 401, a used or unknown token or session a 403. The stylesheet and
/// script are public (the 401 page uses them; they hold no data).
struct AccessGuard: RouterMiddleware {
  typealias Context = ConsoleContext
  static let cookieName = "mailaudit_session"

  let keeper: SessionKeeper

  func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
    -> Response
  {
    if request.uri.path.hasPrefix("/assets/") { return try await next(request, context) }
    if let token = request.uri.queryParameters["token"] {
      guard request.method == .get, case .signedIn(let session) = await keeper.signIn(token: String(token)) else {
        throw ConsoleFailure.staleToken
      }
      var response = Response(status: .seeOther, headers: [.location: "/"])
      response.setCookie(
        Cookie(name: Self.cookieName, value: session, path: "/", httpOnly: true, sameSite: .strict))
      return response
    }
    guard let cookie = request.cookies[Self.cookieName] else { throw ConsoleFailure.notSignedIn }
    guard let csrf = await keeper.csrfToken(ofSession: cookie.value) else { throw ConsoleFailure.unknownSession }
    var context = context
    context.session = ConsoleSession(id: cookie.value, csrf: csrf)
    // A form posted from another site never carries our SameSite cookie;
    // an Origin naming another site is refused as well, belt and braces.
    // Our own pages post with `Origin: null` (Referrer-Policy: no-referrer
    // makes browsers hide it); the CSRF token is what proves those.
    if request.method != .get, request.method != .head, let origin = request.headers[.origin], origin != "null",
      origin != "http://\(request.head.authority ?? "")"
    {
      throw ConsoleFailure.otherOrigin
    }
    return try await next(request, context)
  }
}
